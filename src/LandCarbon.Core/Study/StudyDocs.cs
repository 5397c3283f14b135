using System.Text;

namespace LandCarbon.Core.Study;

/// <summary>
/// docs/study-file.md, generated from the key declarations (<see cref="StudySpec.Root"/>) between hand-written prose.
/// A test compares the committed page with <see cref="Markdown"/> and says how to regenerate it.
/// </summary>
public static class StudyDocs
{
    /// <summary>The page text.</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append(Header).Append("\n\n");
        sb.Append("| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
        foreach (var key in StudySpec.Root.Keys) Rows(sb, key, "");
        sb.Append('\n').Append(Coordinates).Append("\n\n").Append(Authors).Append("\n\n").Append(RunJson).Append('\n');
        return sb.ToString();
    }

    private static void Rows(StringBuilder sb, StudyKey key, string parent)
    {
        string path = parent.Length == 0 ? key.Name : parent + "." + key.Name;
        string type = key.Module ? "section (module)" : key.TypeName;
        string def = key.Module && key.DefaultDoc is null ? "absent (off)" : key.Kind == StudyKeyKind.Section && key.DefaultDoc is null ? "" : key.DefaultText;
        sb.Append(CultureInvariant($"| `{path}` | {type} | {Cell(def)} | {Cell(key.AllowedText)} | {Cell(key.Doc ?? key.Help)} |\n"));
        foreach (var child in key.Keys) Rows(sb, child, path);
    }

    private static string CultureInvariant(FormattableString s) => FormattableString.Invariant(s);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private const string Header =
        """
        # The study file

        <!-- GENERATED from the key declarations in src/LandCarbon.Core/Study/ (StudySpec.Root) by StudyDocs.Markdown();
             do not edit by hand: regenerate with `LANDCARBON_WRITE_DOCS=1 dotnet test tests/LandCarbon.Core.Tests --filter GeneratedDocs`. -->

        One YAML file describes a study; `landcarbon init STUDY.yaml` writes a commented template with every default and
        where it comes from, plus `coefficients.csv` and `energy_factors.csv` beside it. `landcarbon run STUDY.yaml --out
        DIR` runs it. Paths are relative to the study file. Code: `src/LandCarbon.Core/Study/`.

        ## Validation

        Loading reports **every** problem at once (exit code 2), each naming the key and line, or the file and row:
        unknown keys (with the keys allowed there), wrong types, values out of range, missing files, bad rows of the
        tables it names (coefficients, energy statistics and factors, pool table). Before any stage runs, the rasters are
        checked together: each land-use raster holds integers and is on the grid of the first one, each correction and
        zone raster is on that grid (a mismatch names both files and what differs), every code present is mapped or
        nodata (unknown codes listed with pixel counts), and in stock mode every code has a pool row.

        ## Keys

        Every key with its type, default, allowed values and meaning; a section marked *module* switches its stage on
        when present (a key without content, e.g. `change:`, takes every default).
        """;

    private const string Coordinates =
        """
        ### Coordinate systems

        `poi.crs`, `accounting.construction.zoneCrs` (with a polygon layer) and `risk.zones.crs` have **no default**. Amap,
        Tencent and DataV coordinates are GCJ-02 and carry no CRS declaration; a WGS 84 default moved every point or
        vertex by about 500 m in Guiyang without a word. So each key must be stated, with one of `wgs84`, `gcj02` (Amap,
        Tencent, DataV), `bd09` (Baidu) or `grid` (coordinates already in the grid's CRS), unless the file declares its CRS
        itself in a form LandCarbon reads:

        * a GeoJSON `crs` member (`{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}`, `…OGC:1.3:CRS84`,
          `EPSG:4490`, or the old `{"type": "EPSG", "properties": {"code": 4326}}`);
        * a shapefile's `.prj` (OGC or ESRI WKT1, as GDAL writes it).

        WGS 84 or CGCS2000 longitude/latitude (4326, CRS84, 4490) then means `wgs84`; a projected CRS means `grid`, and must be
        the grid's CRS (checked at the grid's corners and centre to 10⁻⁷°). A stated key that the declaration contradicts
        (`gcj02` for a file declaring EPSG:4326, `wgs84` for a file declaring UTM) stops the run, exit code 2; so does a
        missing key when the file declares nothing or a CRS LandCarbon cannot read (see `docs/bad-input.md`). The same rules
        apply to `poi density --crs` and `risk grade --zone-crs`.
        """;

    private const string Authors =
        """
        ## For module authors

        Every key is declared once, in its section record in `src/LandCarbon.Core/Study/` (`ChangeSection`, `PoiSection`,
        …, each with a static `Spec` built with `StudyKeys`: name, type, default, range or choices, help). That declaration
        drives the parser (the `StudySection` accessors without a default — `String`, `Double`, `OptionalDouble`, `Int`,
        `Bool`, `Choice`, `File`, `Crs` — take the declared default, range and choices; reading an undeclared key throws;
        `Finish()` reports every undeclared key as unknown, naming the declared ones), the `landcarbon init` template and
        this page. To add a key: declare it in the section's `Spec`, read it in the section's `Parse(StudySection)`, add the
        property to the record, and regenerate this page (see the top). A new module adds its section record with a `Spec`,
        lists it in `StudySpec.Root` and `StudyDefinition`, and lists its files in `InputFiles()`. Problems are
        `ValidationIssue` records (key path, line, message). Its stage reads `context.Study` and the typed results of
        earlier stages, e.g. `AccountingResult` (per year: class raster, CC and CBI raster paths, totals; grid, scheme,
        units).
        """;

    private const string RunJson =
        """
        ## run.json

        `landcarbon run` writes `OUT/run.json`: tool version, command line, the resolved study (all defaults filled in,
        absolute paths), SHA-256 and size of every input file, seed, wall time per stage (including the raster check), and
        the warnings of the run.

        `landcarbon run OUT/run.json` replays the run (its study file, into its folder unless `--out` is given). Before
        anything runs it recomputes the SHA-256 of every recorded input (the study file, rasters, tables, POI files, …); a
        file that changed or disappeared stops the replay with exit code 2, one line per file with the recorded and the
        current hash. `--force` goes on anyway, warns per file on stderr, and the new run.json records
        `"replay": {"manifest", "forced": true, "changedInputs": [{path, recordedSha256, currentSha256}]}` (a replay with
        unchanged inputs records `forced: false` and no changed inputs).
        """;
}
