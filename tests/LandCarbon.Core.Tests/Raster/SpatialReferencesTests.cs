using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace LandCarbon.Core.Tests.Raster;

public class SpatialReferencesTests
{
    public static TheoryData<int> Codes => new([4326, 4490, 3857, .. Enumerable.Range(32601, 60), .. Enumerable.Range(32701, 60), .. Enumerable.Range(4534, 21)]);

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCatalogueWktParsesWithProjNet(int code)
    {
        var crs = SpatialReferences.FromEpsg(code);
        Assert.Equal(code, crs.Epsg);
        var cs = new CoordinateSystemFactory().CreateFromWkt(crs.Wkt);
        Assert.Equal(code, (int)cs.AuthorityCode);
    }

    /// <summary>Reference coordinates from GDAL/PROJ gdaltransform (docs TOOLCHAIN §4) and PROJ for the others.</summary>
    [Theory]
    [InlineData(32648, 410488.792, 3392239.153)]
    [InlineData(-1, -88371.581, 3246094.791)]
    public void ProjectsLikeProj(int code, double x, double y)
    {
        var crs = code > 0 ? SpatialReferences.FromEpsg(code) : SpatialReferences.ClcdAlbers;
        var f = new CoordinateSystemFactory();
        var t = new CoordinateTransformationFactory().CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, f.CreateFromWkt(crs.Wkt));
        var p = t.MathTransform.Transform([104.0657, 30.6595]);
        Assert.Equal(x, p[0], 1e-3);
        Assert.Equal(y, p[1], 1e-3);
    }

    [Fact]
    public void NamedAlbersCrsParse()
    {
        foreach (var crs in new[] { SpatialReferences.ClcdAlbers, SpatialReferences.KrassowskyAlbers })
        {
            var cs = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(crs.Wkt);
            Assert.Null(crs.Epsg);
            Assert.Equal(105, cs.Projection.GetParameter("longitude_of_center").Value);
        }
        Assert.Equal(6378245, ((ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(SpatialReferences.KrassowskyAlbers.Wkt))
            .GeographicCoordinateSystem.HorizontalDatum.Ellipsoid.SemiMajorAxis);
    }

    [Fact]
    public void UnknownCodeIsAnInputError()
    {
        var e = Assert.Throws<InputException>(() => SpatialReferences.FromEpsg(2154));
        Assert.Contains("EPSG:2154", e.Message, StringComparison.Ordinal);
    }
}
