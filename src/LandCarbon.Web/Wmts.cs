using System.Globalization;
using System.Xml;

namespace LandCarbon.Web;

/// <summary>
/// OGC WMTS 1.0.0 capabilities of the run's layers on the GoogleMapsCompatible tile matrix set (EPSG:3857, the
/// tiles of /tiles), with KVP and RESTful GetTile, so QGIS, GDAL's WMTS driver and WebGIS platforms add a layer from
/// the capabilities URL.
/// </summary>
public static class Wmts
{
    /// <summary>The tile matrix set's identifier.</summary>
    public const string MatrixSet = "GoogleMapsCompatible";

    /// <summary>The RESTful tile template below the base URL.</summary>
    public static string RestTemplate(string layer) => $"wmts/{layer}/default/{MatrixSet}/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.png";

    /// <summary>The capabilities document; <paramref name="baseUrl"/> ends with '/'.</summary>
    public static string Capabilities(RunCatalog catalog, string baseUrl, int maxZoom)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        const string Ows = "http://www.opengis.net/ows/1.1", XLink = "http://www.w3.org/1999/xlink";
        var sb = new System.Text.StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, Encoding = System.Text.Encoding.UTF8 }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("Capabilities", "http://www.opengis.net/wmts/1.0");
            w.WriteAttributeString("xmlns", "ows", null, Ows);
            w.WriteAttributeString("xmlns", "xlink", null, XLink);
            w.WriteAttributeString("version", "1.0.0");
            w.WriteStartElement("ows", "ServiceIdentification", Ows);
            w.WriteElementString("ows", "Title", Ows, "LandCarbon" + (catalog.Region.Length > 0 ? " — " + catalog.Region : ""));
            w.WriteElementString("ows", "ServiceType", Ows, "OGC WMTS");
            w.WriteElementString("ows", "ServiceTypeVersion", Ows, "1.0.0");
            w.WriteEndElement();
            w.WriteStartElement("ows", "OperationsMetadata", Ows);
            foreach (var op in new[] { "GetCapabilities", "GetTile" })
            {
                w.WriteStartElement("ows", "Operation", Ows);
                w.WriteAttributeString("name", op);
                w.WriteStartElement("ows", "DCP", Ows);
                w.WriteStartElement("ows", "HTTP", Ows);
                w.WriteStartElement("ows", "Get", Ows);
                w.WriteAttributeString("xlink", "href", XLink, baseUrl + "wmts?");
                w.WriteStartElement("ows", "Constraint", Ows);
                w.WriteAttributeString("name", "GetEncoding");
                w.WriteStartElement("ows", "AllowedValues", Ows);
                w.WriteElementString("ows", "Value", Ows, "KVP");
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteStartElement("Contents");
            foreach (var l in catalog.Layers)
            {
                w.WriteStartElement("Layer");
                w.WriteElementString("ows", "Title", Ows, l.TitleEn);
                w.WriteStartElement("ows", "WGS84BoundingBox", Ows);
                w.WriteElementString("ows", "LowerCorner", Ows, Pair(l.Bounds[0], l.Bounds[1]));
                w.WriteElementString("ows", "UpperCorner", Ows, Pair(l.Bounds[2], l.Bounds[3]));
                w.WriteEndElement();
                w.WriteElementString("ows", "Identifier", Ows, l.Id);
                w.WriteStartElement("Style");
                w.WriteAttributeString("isDefault", "true");
                w.WriteElementString("ows", "Identifier", Ows, "default");
                w.WriteEndElement();
                w.WriteElementString("Format", "image/png");
                w.WriteStartElement("TileMatrixSetLink");
                w.WriteElementString("TileMatrixSet", MatrixSet);
                w.WriteEndElement();
                w.WriteStartElement("ResourceURL");
                w.WriteAttributeString("format", "image/png");
                w.WriteAttributeString("resourceType", "tile");
                w.WriteAttributeString("template", baseUrl + RestTemplate(l.Id));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteStartElement("TileMatrixSet");
            w.WriteElementString("ows", "Identifier", Ows, MatrixSet);
            w.WriteElementString("ows", "SupportedCRS", Ows, "urn:ogc:def:crs:EPSG::3857");
            w.WriteElementString("WellKnownScaleSet", "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible");
            for (int z = 0; z <= maxZoom; z++)
            {
                w.WriteStartElement("TileMatrix");
                w.WriteElementString("ows", "Identifier", Ows, z.ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("ScaleDenominator", WebMercator.ScaleDenominator(z).ToString("R", CultureInfo.InvariantCulture));
                w.WriteElementString("TopLeftCorner", Pair(-WebMercator.HalfWorld, WebMercator.HalfWorld));
                w.WriteElementString("TileWidth", "256");
                w.WriteElementString("TileHeight", "256");
                string n = (1L << z).ToString(CultureInfo.InvariantCulture);
                w.WriteElementString("MatrixWidth", n);
                w.WriteElementString("MatrixHeight", n);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("ServiceMetadataURL");
            w.WriteAttributeString("xlink", "href", XLink, baseUrl + "wmts?SERVICE=WMTS&REQUEST=GetCapabilities");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string Pair(double a, double b) =>
        a.ToString("R", CultureInfo.InvariantCulture) + " " + b.ToString("R", CultureInfo.InvariantCulture);
}
