using LandCarbon.Core.Models;

namespace LandCarbon.Core.Poi;

/// <summary>The functional spaces POIs are sorted into (METHOD-SPEC §g). The numeric values index per-function
/// arrays everywhere in the POI module.</summary>
public enum PoiFunction
{
    /// <summary>Factories, companies' production sites, industrial parks.</summary>
    Industrial = 0,

    /// <summary>Stations, parking, ports, airports, road facilities, fuel stations, logistics.</summary>
    Transport = 1,

    /// <summary>Residential estates, dormitories, community entrances.</summary>
    Residential = 2,

    /// <summary>Shopping, catering, accommodation, finance, offices, personal services.</summary>
    CommercialService = 3,

    /// <summary>Government, education, health, public facilities.</summary>
    PublicService = 4,

    /// <summary>Place names, scenic spots and everything unmapped.</summary>
    Other = 5,
}

/// <summary>Names of <see cref="PoiFunction"/> values as used in files and on the command line.</summary>
public static class PoiFunctions
{
    /// <summary>Number of functions.</summary>
    public const int Count = 6;

    /// <summary>All functions in index order.</summary>
    public static IReadOnlyList<PoiFunction> All { get; } =
        [PoiFunction.Industrial, PoiFunction.Transport, PoiFunction.Residential, PoiFunction.CommercialService, PoiFunction.PublicService, PoiFunction.Other];

    /// <summary>The file name of a function: industrial, transport, residential, commercial-service,
    /// public-service, other.</summary>
    public static string Name(PoiFunction f) => f switch
    {
        PoiFunction.Industrial => "industrial",
        PoiFunction.Transport => "transport",
        PoiFunction.Residential => "residential",
        PoiFunction.CommercialService => "commercial-service",
        PoiFunction.PublicService => "public-service",
        PoiFunction.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    /// <summary>Parses a function name (case-insensitive; also accepts transportation, commercial, public,
    /// underscores for hyphens). Returns false when unknown.</summary>
    public static bool TryParse(string text, out PoiFunction function)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        switch (t)
        {
            case "industrial" or "industry": function = PoiFunction.Industrial; return true;
            case "transport" or "transportation": function = PoiFunction.Transport; return true;
            case "residential" or "residence": function = PoiFunction.Residential; return true;
            case "commercial-service" or "commercial" or "commercialservice": function = PoiFunction.CommercialService; return true;
            case "public-service" or "public" or "publicservice": function = PoiFunction.PublicService; return true;
            case "other": function = PoiFunction.Other; return true;
            default: function = PoiFunction.Other; return false;
        }
    }

    /// <summary>Parses a function name; throws an <see cref="InputException"/> naming <paramref name="where"/>.</summary>
    public static PoiFunction Parse(string text, string where) =>
        TryParse(text, out var f)
            ? f
            : throw new InputException($"{where}: '{text}' is not a POI function; expected one of {string.Join(", ", All.Select(Name))}.");
}
