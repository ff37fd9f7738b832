using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;
using static ChatOpsBot.Core.Tests.Alerts.Alerts;

namespace ChatOpsBot.Core.Tests.Alerts;

public class AlertRoutingTests
{
    [Fact]
    public void ACriticalAlertIsDeclaredAtSev1ByDefault()
    {
        var rule = AlertRouting.Default.Route(Group("g", Firing("a", "critical")));

        Assert.Equal((Severity.Sev1, AlertAction.Declare, false), (rule.Severity, rule.Action, rule.AutoResolve));
    }

    [Fact]
    public void AWarningIsOfferedAtSev3ByDefault()
    {
        var rule = AlertRouting.Default.Route(Group("g", Firing("a", "warning")));

        Assert.Equal((Severity.Sev3, AlertAction.Prompt), (rule.Severity, rule.Action));
    }

    [Fact]
    public void AnythingElseIsOfferedAtSev4()
    {
        var rule = AlertRouting.Default.Route(Group("g", Firing("a", "page")));

        Assert.Equal((Severity.Sev4, AlertAction.Prompt), (rule.Severity, rule.Action));
    }

    [Fact]
    public void OneCriticalAlertAmongWarningsMakesTheGroupCritical()
    {
        var notification = new AlertNotification("alertmanager", "g", new Dictionary<string, string>(), new Dictionary<string, string>(),
            [Firing("a", "warning"), Firing("b", "critical")]);

        Assert.Equal(Severity.Sev1, AlertRouting.Default.Route(notification).Severity);
    }

    [Fact]
    public void ConfiguredRulesMatchEveryLabelCaseInsensitivelyInOrder()
    {
        var routing = new AlertRouting(
        [
            new(new Dictionary<string, string> { ["service"] = "checkout", ["severity"] = "WARNING" }, Severity.Sev2, AlertAction.Declare, AutoResolve: true),
            new(new Dictionary<string, string> { ["severity"] = "warning" }, Severity.Sev3, AlertAction.Prompt),
        ]);

        var checkout = routing.Route(Group("g", Firing("a", "warning")));
        var other = routing.Route(Group("g", Firing("b", "warning") with { Labels = new Dictionary<string, string> { ["severity"] = "warning", ["service"] = "search" } }));

        Assert.Equal((Severity.Sev2, AlertAction.Declare, true), (checkout.Severity, checkout.Action, checkout.AutoResolve));
        Assert.Equal(Severity.Sev3, other.Severity);
    }

    [Fact]
    public void ConfiguredRulesReplaceTheDefaultsButKeepTheCatchAll()
    {
        var routing = new AlertRouting([new(new Dictionary<string, string> { ["team"] = "payments" }, Severity.Sev2, AlertAction.Declare)]);

        Assert.Same(AlertRouting.CatchAll, routing.Route(Group("g", Firing("a", "critical"))));
    }
}
