namespace ChatOpsBot.Core.Incidents;

/// <summary>SEV1 is the worst. The numeric value is the level, so lower means more severe.</summary>
public enum Severity
{
    Sev1 = 1,
    Sev2 = 2,
    Sev3 = 3,
    Sev4 = 4,
}

public static class SeverityText
{
    public static string Label(this Severity severity) => $"SEV{(int)severity}";

    public static bool TryParse(string? text, out Severity severity)
    {
        severity = default;
        if (text is null)
        {
            return false;
        }

        var t = text.Trim().ToUpperInvariant();
        if (t.StartsWith("SEV", StringComparison.Ordinal) && t.Length == 4 && t[3] is >= '1' and <= '4')
        {
            severity = (Severity)(t[3] - '0');
            return true;
        }

        return false;
    }
}
