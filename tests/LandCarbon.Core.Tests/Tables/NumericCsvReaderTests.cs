using LandCarbon.Core.Models;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Tables;

public class NumericCsvReaderTests
{
    [Fact]
    public void ReadsSelectedColumnsInRequestedOrderWithMissingAsNaN()
    {
        string path = Path.Combine(TestData.TempDir(), "t.csv");
        File.WriteAllText(path, "\uFEFFid,Y,\"b\",a\n1,2.5,,-1e3\n\n2,NA,7,\"4\"\n3,1,2,3\n");
        var t = NumericCsvReader.Read(path, ["a", "y", "B"]);
        Assert.Equal(3, t.Rows);
        Assert.Equal(2, t.MissingValues);
        Assert.Equal([-1000.0, 4, 3], t.Columns[0]);
        Assert.True(double.IsNaN(t.Columns[1][1]));
        Assert.True(double.IsNaN(t.Columns[2][0]));
    }

    [Fact]
    public void ErrorsNameFileLineAndColumn()
    {
        string path = Path.Combine(TestData.TempDir(), "bad.csv");
        File.WriteAllText(path, "y;a\n1;2\n3;abc\n");
        var e = Assert.Throws<InputException>(() => NumericCsvReader.Read(path, ["y", "a"]));
        Assert.Contains("bad.csv, line 3, column 'a': 'abc' is not a number", e.Message);
        var m = Assert.Throws<InputException>(() => NumericCsvReader.Read(path, ["q"]));
        Assert.Contains("no column 'q'", m.Message);
        File.WriteAllText(path, "y,a\n1\n");
        var s = Assert.Throws<InputException>(() => NumericCsvReader.Read(path, ["a"]));
        Assert.Contains("line 2: only 1 fields", s.Message);
    }
}
