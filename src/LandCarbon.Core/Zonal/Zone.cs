using NetTopologySuite.Geometries;

namespace LandCarbon.Core.Zonal;

/// <summary>One zone (county, district or planning unit): its position in the layer, identifier, name and polygon
/// geometry in the study grid's CRS.</summary>
/// <param name="Index">0-based position in the layer; the zone id written to zone rasters is Index + 1.</param>
/// <param name="Id">Identifier (e.g. the GB/T 2260 adcode), as text.</param>
/// <param name="Name">Display name.</param>
/// <param name="Geometry">Polygon or MultiPolygon in the grid CRS.</param>
public sealed record Zone(int Index, string Id, string Name, Geometry Geometry);
