using LandCarbon.Core.Models;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Accounting;

/// <summary>Carbon densities of one land-use code, t C/ha, in InVEST Carbon's four pools.</summary>
public sealed record CarbonPools(int Lucode, string Name, double AboveTonnesCPerHa, double BelowTonnesCPerHa, double SoilTonnesCPerHa, double DeadTonnesCPerHa)
{
    /// <summary>C_tot = C_above + C_below + C_soil + C_dead (t C/ha), as InVEST sums them.</summary>
    public double TotalTonnesCPerHa => AboveTonnesCPerHa + BelowTonnesCPerHa + SoilTonnesCPerHa + DeadTonnesCPerHa;
}

/// <summary>
/// An InVEST Carbon pool table (METHOD-SPEC (b3)): columns <c>lucode,c_above,c_below,c_soil,c_dead</c> in t C/ha,
/// matched case-insensitively (InVEST 3.16 writes <c>C_above</c>…); extra columns (such as <c>LULC_Name</c>) are
/// ignored except an optional name column. Codes are the raw land-use raster codes, as in InVEST.
/// </summary>
public sealed class CarbonPoolTable
{
    private readonly Dictionary<int, CarbonPools> _byCode;

    private CarbonPoolTable(string path, IReadOnlyList<CarbonPools> rows)
    {
        Path = path;
        Rows = rows;
        _byCode = rows.ToDictionary(r => r.Lucode);
    }

    /// <summary>The file the table came from.</summary>
    public string Path { get; }

    /// <summary>Rows in file order.</summary>
    public IReadOnlyList<CarbonPools> Rows { get; }

    /// <summary>The pools of a code, or null.</summary>
    public CarbonPools? Find(int lucode) => _byCode.GetValueOrDefault(lucode);

    /// <summary>Reads a pool table, reporting every bad row at once.</summary>
    public static CarbonPoolTable Read(string path)
    {
        var t = CsvTable.Read(path);
        t.RequireColumns("lucode", "c_above", "c_below", "c_soil", "c_dead");
        string? nameCol = new[] { "LULC_Name", "lulc_desc", "name", "description" }.FirstOrDefault(t.HasColumn);
        var rows = new List<CarbonPools>();
        var problems = new List<string>();
        foreach (var r in t.Rows)
        {
            try
            {
                int code = t.Int(r, "lucode");
                if (rows.Any(x => x.Lucode == code)) throw new InputException($"{path}, line {r.Line}: lucode {code} appears twice.");
                var p = new CarbonPools(code, nameCol is null ? "" : t.Text(r, nameCol),
                    t.Double(r, "c_above"), t.Double(r, "c_below"), t.Double(r, "c_soil"), t.Double(r, "c_dead"));
                rows.Add(p);
            }
            catch (InputException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0) throw new InputException($"{path}: the carbon pool table has problems:", problems);
        if (rows.Count == 0) throw new InputException($"{path}: the carbon pool table has no rows.");
        return new CarbonPoolTable(path, rows);
    }
}
