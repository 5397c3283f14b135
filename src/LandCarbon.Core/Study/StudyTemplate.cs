using System.Text;
using LandCarbon.Core.Accounting;

namespace LandCarbon.Core.Study;

/// <summary>
/// The commented study template that `landcarbon init` writes: every key with its default and where the default
/// comes from (METHOD-SPEC sections). Later modules contribute their section's lines through the
/// <c>Template</c> constants of their section records.
/// </summary>
public static class StudyTemplate
{
    /// <summary>The template text. Paths of the default tables are relative to the study file.</summary>
    public static string Text()
    {
        var sb = new StringBuilder();
        sb.Append("""
            # LandCarbon study file. Paths are relative to this file. Reference: docs/study-file.md.
            # Keys marked INFERRED in METHOD-SPEC are calibration knobs: defaults from the literature, change them freely.

            region: Central Guizhou Urban Agglomeration   # name used in titles and the report

            # Year → land-use raster. The first raster defines the grid (CRS, geotransform, size); every other raster
            # must be on exactly that grid. Default period nodes 2000, 2005, 2010, 2015, 2020, 2024 (METHOD-SPEC §2).
            years:
              2000: landuse/clcd_2000.tif
              2024: landuse/clcd_2024.tif

            # Source codes → six classes (cultivated, forest, grassland, water, construction, unused).
            # Default: CLCD (Yang & Huang 2021, ESSD 13:3907) mapped as in METHOD-SPEC (a):
            #   1 cropland → cultivated, 2 forest → forest, 3 shrub → forest, 4 grassland → grassland, 5 water → water,
            #   6 snow/ice → unused, 7 barren → unused, 8 impervious → construction, 9 wetland → water; 0 and 255 nodata.
            classes:
              shrub: forest        # forest | grassland (METHOD-SPEC §6 knob 5)
              wetland: water       # water | unused (METHOD-SPEC §6 knob 5)
              # map: {1: cultivated, 2: forest, 3: forest, 4: grassland, 5: water, 6: unused, 7: unused, 8: construction, 9: water}
              # nodata: [0, 255]
              # labels:            # English / Chinese labels and colours (CLCD palette) per class
              #   construction: {en: construction land, zh: 建设用地, color: "#E24290"}

            accounting:
              mode: flux           # flux (coefficients × area, METHOD-SPEC (c)) | stock (InVEST carbon pools, (b3))
              units: tC            # tC | tCO2e (× 44/12) in every table header; rasters are always t C
              coefficients: coefficients.csv   # class,value,unit,source in t C/ha/yr, positive = source (METHOD-SPEC (b1));
                                               # omit to use the built-in copy of the same defaults
              writeCoefficientRasters: true    # also write rasters/cc_<year>.tif
              areaModel: true      # true: ground area of every pixel on the CRS's ellipsoid (any CRS) | nominal: the
                                   # geotransform's area, as InVEST (projected CRSs only)
              construction:        # construction-land coefficient δ_con (METHOD-SPEC (b2))
                value: 50          # fixed t C/ha/yr; or instead, energy statistics per statistical unit and year:
                # energy: energy.csv             # unit,year,fuel,amount[,multiplier][,sector]
                # factors: energy_factors.csv    # fuel,physicalUnit,tcePerUnit,tcPerTce,source (Liu Xianzhao et al. 2017)
                # zones: counties.tif            # zone raster on the study grid (values = unit), or a .geojson/.shp layer
                # zoneField: adcode              # polygon attribute holding the unit
                # zoneCrs: gcj02                 # polygon layer's CRS, required unless the file declares it: wgs84 | gcj02 | bd09 | grid
                # excludeSectors: [agriculture]  # their energy belongs to cultivated land
              corrections:         # each optional; each normalised to mean 1 within its class unless normalize: false
                # vegetation:      # F_veg = NDVI/mean_k(NDVI), clamped (METHOD-SPEC (c)1, INFERRED)
                #   raster: ndvi.tif
                #   classes: [cultivated, forest, grassland]
                #   normalize: true
                #   min: 0.2
                #   max: 3
                # climate:         # F_clim = w_B·K_B + (1−w_B)·K_S (METHOD-SPEC (b4), (c)2)
                #   precipitation: precip_mm.tif
                #   temperature: temp_c.tif
                #   reference: study             # study (class mean) | national
                #   nationalPrecipitationMm: 640 # China, INFERRED (630–650 in most papers)
                #   nationalTemperatureC: 9.5    # China, INFERRED (9–10 in most papers)
                #   biomassShare: 0.5            # w_B, INFERRED
                #   classes: [cultivated, forest, grassland]
                #   normalize: true
                # terrain:         # F_terrain = 1/cos(slope), Horn slope (METHOD-SPEC (c)3); off by default
                #   dem: dem.tif
                #   classes: [cultivated, forest, grassland]
                #   normalize: true
                # poi:             # F_POI for construction land (METHOD-SPEC (c)4), from the poi: section's densities
                #   mode: fixed                  # fixed | sectors (with sectorTotals: {industrial: 620, transport: 180, …})
                #   weights: {industrial: 1.0, transport: 0.6, commercial-service: 0.4, residential: 0.35, public-service: 0.25}
                #   minFactor: 0.3               # construction pixels without POI within the radius, INFERRED
                #   # raster: poi_weights.tif    # or a weight raster instead (normalize: true divides by its mean)
              # pools: carbon_pools.csv          # stock mode: InVEST table lucode,c_above,c_below,c_soil,c_dead (t C/ha);
                                                 # climate, vegetation, terrain then correct the pool densities; poi is refused

            seed: 20260628         # for sampling and permutations; recorded in run.json

            tiles:                 # results are identical for any tile size and thread count
              width: 0             # 0 = follow the rasters' blocks
              height: 0
              threads: 0           # 0 = all cores

            """);
        foreach (var t in new[] { ChangeSection.Template, PoiSection.Template, RegressionSection.Template, SpatialSection.Template, RiskSection.Template, SimulationSection.Template, UncertaintySection.Template, ReportSection.Template })
            sb.Append(t);
        return sb.ToString();
    }

    /// <summary>Writes the template to <paramref name="studyPath"/> and the default tables beside it (existing
    /// tables are kept). Returns the files written.</summary>
    public static IReadOnlyList<string> Write(string studyPath)
    {
        ArgumentNullException.ThrowIfNull(studyPath);
        string full = Path.GetFullPath(studyPath);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        Tables.AtomicFile.WriteAllText(full, Text());
        var written = new List<string> { full };
        foreach (var name in DefaultTables.Names)
        {
            string p = Path.Combine(dir, name);
            if (File.Exists(p)) continue;
            DefaultTables.WriteTo(name, p);
            written.Add(p);
        }
        return written;
    }
}
