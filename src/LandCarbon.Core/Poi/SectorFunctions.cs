namespace LandCarbon.Core.Poi;

/// <summary>
/// Which POI function an energy-balance sector's emission is allocated by in the sector-share mode of the POI
/// factor (METHOD-SPEC (c)4 i): industry → industrial, transport/storage/post → transport,
/// wholesale-retail-accommodation-catering → commercial-service, households → residential, others →
/// public-service. Names are matched ignoring case, spaces, punctuation and the list separator 、, in English or
/// in the wording of Chinese statistical yearbooks; a study can add or replace names.
/// </summary>
public static class SectorFunctions
{
    private static readonly Dictionary<string, PoiFunction> Defaults = new(StringComparer.Ordinal)
    {
        [Key("industry")] = PoiFunction.Industrial,
        [Key("industrial")] = PoiFunction.Industrial,
        [Key("manufacturing")] = PoiFunction.Industrial,
        [Key("construction")] = PoiFunction.Industrial,
        [Key("工业")] = PoiFunction.Industrial,
        [Key("制造业")] = PoiFunction.Industrial,
        [Key("建筑业")] = PoiFunction.Industrial,
        [Key("transport")] = PoiFunction.Transport,
        [Key("transportation")] = PoiFunction.Transport,
        [Key("transport, storage and post")] = PoiFunction.Transport,
        [Key("交通运输、仓储和邮政业")] = PoiFunction.Transport,
        [Key("交通运输")] = PoiFunction.Transport,
        [Key("commercial")] = PoiFunction.CommercialService,
        [Key("commerce")] = PoiFunction.CommercialService,
        [Key("wholesale, retail, accommodation and catering")] = PoiFunction.CommercialService,
        [Key("wholesale and retail trade")] = PoiFunction.CommercialService,
        [Key("accommodation and catering")] = PoiFunction.CommercialService,
        [Key("批发、零售业和住宿、餐饮业")] = PoiFunction.CommercialService,
        [Key("批发和零售业")] = PoiFunction.CommercialService,
        [Key("住宿和餐饮业")] = PoiFunction.CommercialService,
        [Key("household")] = PoiFunction.Residential,
        [Key("households")] = PoiFunction.Residential,
        [Key("residential")] = PoiFunction.Residential,
        [Key("居民生活")] = PoiFunction.Residential,
        [Key("生活消费")] = PoiFunction.Residential,
        [Key("城乡居民生活消费")] = PoiFunction.Residential,
        [Key("other")] = PoiFunction.PublicService,
        [Key("others")] = PoiFunction.PublicService,
        [Key("public")] = PoiFunction.PublicService,
        [Key("其他")] = PoiFunction.PublicService,
        [Key("其他行业")] = PoiFunction.PublicService,
    };

    /// <summary>The function of <paramref name="sector"/>: the study's names first, then the defaults; null when
    /// neither knows it.</summary>
    public static PoiFunction? Find(string sector, IReadOnlyDictionary<string, PoiFunction>? studyNames)
    {
        ArgumentNullException.ThrowIfNull(sector);
        string k = Key(sector);
        if (studyNames is not null)
            foreach (var (name, f) in studyNames)
                if (Key(name) == k) return f;
        return Defaults.TryGetValue(k, out var d) ? d : null;
    }

    /// <summary>The comparison key: letters and digits only, lower case.</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
    }
}
