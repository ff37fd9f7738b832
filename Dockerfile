# syntax=docker/dockerfile:1
# Build: the SDK image restores and publishes; only the published app reaches the runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ChatOpsBot.Core/ChatOpsBot.Core.csproj src/ChatOpsBot.Core/
COPY src/ChatOpsBot/ChatOpsBot.csproj src/ChatOpsBot/
RUN dotnet restore src/ChatOpsBot/ChatOpsBot.csproj
COPY src/ src/
RUN dotnet publish src/ChatOpsBot/ChatOpsBot.csproj --configuration Release --no-restore --output /app

# Run: the ASP.NET runtime only, as the image's non-root user, on 8080. No secrets are baked in:
# Slack, Teams, webhook and Redis credentials come from the environment (a Kubernetes Secret).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Sqlite__Path=/data/chatopsbot.db
COPY --from=build /app ./
RUN mkdir -p /data && chown 1654:1654 /data
VOLUME ["/data"]
USER 1654
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["dotnet", "ChatOpsBot.dll", "--healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "ChatOpsBot.dll"]
