using System.Text.RegularExpressions;

namespace IvrService.Twilio.Rest;

/// <summary>
/// Builds Twilio API host names from edge and region (<c>{product}.{edge}.{region}.twilio.com</c>), like the official
/// libraries — except that a region alone never yields the deprecated <c>api.{region}.twilio.com</c> (those hosts
/// processed in US1 and stopped working on 2026-04-28): the region's home edge is filled in instead.
/// </summary>
public static partial class TwilioHosts
{
    /// <summary>Twilio's edge locations, public and Interconnect.</summary>
    public static readonly IReadOnlyList<string> KnownEdges =
    [
        "sydney", "sao-paulo", "dublin", "frankfurt", "tokyo", "singapore", "ashburn", "umatilla", "roaming",
        "ashburn-ix", "san-jose-ix", "london-ix", "frankfurt-ix", "singapore-ix", "tokyo-ix", "sydney-ix", "sao-paulo-ix",
    ];

    private const string DefaultRegion = "us1";

    /// <summary>
    /// The host for <paramref name="baseHost"/> with optional <paramref name="edge"/> and <paramref name="region"/>.
    /// Hosts outside <c>twilio.com</c> are returned unchanged. Values already in the host (4 labels: region; 5 labels:
    /// edge and region) are kept unless overridden.
    /// </summary>
    /// <exception cref="ArgumentException">An edge or region that is not a DNS label, or a region with no known home edge.</exception>
    public static string BuildHost(string baseHost, string? edge, string? region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseHost);
        var labels = baseHost.ToLowerInvariant().Split('.');
        if (labels.Length < 3 || labels[^2] != "twilio" || labels[^1] != "com")
        {
            return baseHost;
        }

        var product = labels[0];
        var hostEdge = labels.Length == 5 ? labels[1] : null;
        var hostRegion = labels.Length switch
        {
            4 => labels[1],
            5 => labels[2],
            _ => null,
        };

        var finalEdge = NormalizeEdge(edge) ?? hostEdge;
        var finalRegion = NormalizeLabel(region, nameof(region)) ?? hostRegion;
        if (finalEdge is null && finalRegion is null)
        {
            return baseHost;
        }

        finalRegion ??= DefaultRegion;
        finalEdge ??= HomeEdge(finalRegion)
            ?? throw new ArgumentException($"Region '{finalRegion}' has no known home edge; set an edge as well (region-only host names are retired).", nameof(region));
        return $"{product}.{finalEdge}.{finalRegion}.twilio.com";
    }

    /// <summary>The edge an edge setting names: lower-cased, legacy IDs (<c>ie1</c> → <c>dublin</c>) mapped.</summary>
    public static string? NormalizeEdge(string? edge)
    {
        var label = NormalizeLabel(edge, nameof(edge));
        return label switch
        {
            null => null,
            "au1" => "sydney",
            "br1" => "sao-paulo",
            "ie1" => "dublin",
            "de1" => "frankfurt",
            "jp1" => "tokyo",
            "sg1" => "singapore",
            "us1" => "ashburn",
            "us2" => "umatilla",
            "gll" => "roaming",
            _ => label,
        };
    }

    private static string? HomeEdge(string region) => region switch
    {
        "us1" => "ashburn",
        "ie1" => "dublin",
        "au1" => "sydney",
        _ => null,
    };

    private static string? NormalizeLabel(string? value, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var label = value.Trim().ToLowerInvariant();
        if (!LabelRegex().IsMatch(label))
        {
            throw new ArgumentException($"'{value}' is not a valid {parameter} name.", parameter);
        }

        return label;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex LabelRegex();
}
