// The LandCarbon viewer: a MapLibre map of the run's layers served by `landcarbon serve` (no network beyond it).
import maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import "./style.css";

type Lang = "en" | "zh";
interface Text { en: string; zh: string }
interface LegendClass { value: number; en: string; zh: string; color: string }
interface Layer {
  id: string; section: string; sectionTitle: Text; title: Text; kind: "classes" | "continuous"; unit: Text;
  legend: LegendClass[]; breaks: number[] | null; range: [number, number] | null; year: number | null;
  interval: [number, number] | null; bounds: [number, number, number, number]; maxZoom: number; tiles: string;
}
interface Catalog { region: string; report: boolean; zones: boolean; layers: Layer[] }
interface PointAnswer {
  layers: Record<string, number | null>;
  classes: Record<string, LegendClass>;
  zone: { id: string; name: string; summary: Record<string, unknown> | null; keyMonitoringArea: Record<string, unknown> | null } | null;
}

const UI: Record<string, Text> = {
  time: { en: "Year / interval", zh: "年份 / 时段" },
  opacity: { en: "Opacity", zh: "透明度" },
  legend: { en: "Legend", zh: "图例" },
  ranking: { en: "Counties by net ΔCBI (★ key monitoring area)", zh: "区县净 ΔCBI 排序（★ 重点监测区）" },
  county: { en: "County", zh: "区县" },
  net: { en: "net ΔCBI (t C/yr)", zh: "净 ΔCBI（t C/年）" },
  risk: { en: "high-risk share", zh: "高风险占比" },
  zone: { en: "Zone", zh: "区县" },
  value: { en: "Value", zh: "数值" },
  nodata: { en: "no data", zh: "无数据" },
  layer: { en: "Layer", zh: "图层" },
  noLayers: { en: "This run has no rasters.", zh: "该运行没有栅格。" },
  rankNetDelta: { en: "rank by net ΔCBI", zh: "净 ΔCBI 排名" },
  rankHighRisk: { en: "rank by high-risk share", zh: "高风险占比排名" },
};

// ?lang=zh and ?layer=ID open the viewer on a language and a layer (shareable links).
const params = new URLSearchParams(location.search);
let lang: Lang = ((params.get("lang") ?? localStorage.getItem("landcarbon.lang")) === "zh" ? "zh" : "en");
const t = (k: string) => UI[k][lang];
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** "delta_cbi_2000_2024" → "delta_cbi", "landuse_2020" → "landuse": the product a time step belongs to. */
const productOf = (id: string) => id.replace(/_\d{4}(_\d{4})?$/, "");
const stepLabel = (l: Layer) => (l.interval ? `${l.interval[0]}–${l.interval[1]}` : l.year !== null ? String(l.year) : "");
const productTitle = (l: Layer) => (l.year !== null || l.interval ? l.title[lang].replace(/\s*\d{4}(–\d{4})?$/, "") : l.title[lang]);

function fmt(v: unknown): string {
  if (typeof v !== "number") return v === null || v === undefined ? "" : String(v);
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  const a = Math.abs(v);
  return a !== 0 && (a < 0.01 || a >= 1e6) ? v.toPrecision(4) : v.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

async function main() {
  const catalog: Catalog = await (await fetch("api/layers")).json();
  const layers = catalog.layers;
  const byId = new Map(layers.map((l) => [l.id, l]));
  const products = new Map<string, Layer[]>();
  for (const l of layers) {
    const p = productOf(l.id);
    if (!products.has(p)) products.set(p, []);
    products.get(p)!.push(l);
  }
  for (const steps of products.values())
    // As the report orders them: consecutive intervals first, the whole period last; years ascending.
    steps.sort((a, b) => (a.interval && b.interval
      ? a.interval[1] - a.interval[0] - (b.interval[1] - b.interval[0]) || a.interval[0] - b.interval[0]
      : (a.year ?? 0) - (b.year ?? 0)));
  if (!catalog.report) $("report").style.display = "none";

  let current: Layer | undefined = byId.get(params.get("layer") ?? "") ?? layers[0];
  const opacity = () => Number($<HTMLInputElement>("opacity").value) / 100;

  const map = new maplibregl.Map({
    container: "map",
    style: { version: 8, sources: {}, layers: [{ id: "background", type: "background", paint: { "background-color": "#eef1f0" } }] },
    attributionControl: false,
    maxZoom: 22,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
  (window as unknown as { landcarbonMap: maplibregl.Map }).landcarbonMap = map;
  if (current) map.fitBounds(current.bounds, { padding: 20, duration: 0 });

  function show(l: Layer) {
    current = l;
    if (map.getLayer("raster")) map.removeLayer("raster");
    if (map.getSource("raster")) map.removeSource("raster");
    map.addSource("raster", {
      type: "raster", tiles: [new URL(l.tiles, location.href).href.replace(/%7B/g, "{").replace(/%7D/g, "}")],
      tileSize: 256, bounds: l.bounds, maxzoom: l.maxZoom,
    });
    map.addLayer({ id: "raster", type: "raster", source: "raster", paint: { "raster-opacity": opacity(), "raster-resampling": "nearest" } },
      map.getLayer("zones") ? "zones" : undefined);
    render();
  }

  function renderLayers() {
    const box = $("layers");
    box.innerHTML = "";
    if (layers.length === 0) box.textContent = t("noLayers");
    let section = "";
    for (const [p, steps] of products) {
      const first = steps[0];
      if (first.section !== section) {
        section = first.section;
        const h = document.createElement("h2");
        h.textContent = first.sectionTitle[lang];
        box.appendChild(h);
      }
      const a = document.createElement("span");
      a.className = "product" + (current && productOf(current.id) === p ? " active" : "");
      a.textContent = productTitle(first);
      a.dataset.product = p;
      a.onclick = () => show(steps[steps.length - 1]);
      box.appendChild(a);
    }
  }

  function renderTime() {
    const steps = current ? products.get(productOf(current.id))! : [];
    const slider = $<HTMLInputElement>("slider");
    $("time").style.display = steps.length > 1 ? "" : "none";
    $("time-label").textContent = t("time");
    slider.max = String(Math.max(0, steps.length - 1));
    slider.value = String(current ? steps.indexOf(current) : 0);
    $("time-value").textContent = current ? stepLabel(current) : "";
  }

  function renderLegend() {
    const box = $("legend");
    box.innerHTML = "";
    if (!current) return;
    const h = document.createElement("h2");
    h.textContent = `${t("legend")}: ${current.title[lang]}`;
    box.appendChild(h);
    if (current.unit[lang]) {
      const u = document.createElement("div");
      u.textContent = current.unit[lang];
      box.appendChild(u);
    }
    for (const c of current.legend) {
      const d = document.createElement("div");
      d.innerHTML = `<span class="swatch" style="background:${c.color}"></span>`;
      d.appendChild(document.createTextNode(c[lang]));
      box.appendChild(d);
    }
    if (current.range) {
      const ramp = document.createElement("div");
      ramp.className = "ramp";
      ramp.style.background = "linear-gradient(to right,#440154,#3b528b,#21918c,#5ec962,#fde725)";
      box.appendChild(ramp);
      const r = document.createElement("div");
      r.textContent = `${fmt(current.range[0])} … ${fmt(current.range[1])}`;
      box.appendChild(r);
    }
  }

  let zones: GeoJSON.FeatureCollection | null = null;
  function renderRanking() {
    const box = $("ranking");
    box.innerHTML = "";
    if (!zones || zones.features.length === 0) return;
    const h = document.createElement("h2");
    h.textContent = t("ranking");
    box.appendChild(h);
    const rows = zones.features
      .map((f) => f.properties as { id: string; name: string; summary: Record<string, number> | null; keyMonitoringArea: unknown })
      .filter((p) => p.summary)
      .sort((a, b) => (a.summary!.rankNetDelta ?? 1e9) - (b.summary!.rankNetDelta ?? 1e9));
    const table = document.createElement("table");
    table.innerHTML = `<tr><th>#</th><th>${t("county")}</th><th>${t("net")}</th><th>${t("risk")}</th></tr>`;
    for (const p of rows) {
      const tr = document.createElement("tr");
      if (p.keyMonitoringArea) tr.className = "key";
      const cells = [fmt(p.summary!.rankNetDelta), p.name, fmt(p.summary!.netDeltaTonnesC), fmt(p.summary!.highRiskShare)];
      cells.forEach((c, i) => {
        const td = document.createElement("td");
        td.textContent = c;
        if (i === 2 || i === 3) td.className = "num";
        tr.appendChild(td);
      });
      tr.onclick = () => {
        const f = zones!.features.find((x) => (x.properties as { id: string }).id === p.id)!;
        const b = new maplibregl.LngLatBounds();
        const walk = (c: unknown): void => {
          if (Array.isArray(c) && typeof c[0] === "number") b.extend(c as [number, number]);
          else if (Array.isArray(c)) c.forEach(walk);
        };
        walk((f.geometry as GeoJSON.Polygon).coordinates);
        map.fitBounds(b, { padding: 30 });
      };
      table.appendChild(tr);
    }
    box.appendChild(table);
  }

  function render() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    $("title").textContent = (lang === "zh" ? "LandCarbon 碳收支地图" : "LandCarbon carbon map") + (catalog.region ? ` — ${catalog.region}` : "");
    $("lang").textContent = lang === "zh" ? "English" : "中文";
    $("opacity-label").textContent = t("opacity");
    renderLayers();
    renderTime();
    renderLegend();
    renderRanking();
  }

  $("lang").onclick = () => {
    lang = lang === "en" ? "zh" : "en";
    localStorage.setItem("landcarbon.lang", lang);
    render();
  };
  $<HTMLInputElement>("slider").oninput = (e) => {
    if (!current) return;
    const steps = products.get(productOf(current.id))!;
    show(steps[Number((e.target as HTMLInputElement).value)]);
  };
  $<HTMLInputElement>("opacity").oninput = () => {
    if (map.getLayer("raster")) map.setPaintProperty("raster", "raster-opacity", opacity());
  };

  map.on("click", async (e) => {
    const { lng, lat } = e.lngLat;
    const answer: PointAnswer = await (await fetch(`api/point?lon=${lng}&lat=${lat}`)).json();
    const table = document.createElement("table");
    const add = (k: string, v: string, cls = "") => {
      const tr = document.createElement("tr");
      const a = document.createElement("td");
      a.textContent = k;
      const b = document.createElement("td");
      b.textContent = v;
      b.className = cls;
      tr.append(a, b);
      table.appendChild(tr);
    };
    if (current) {
      const v = answer.layers[current.id];
      const c = answer.classes[current.id];
      add(current.title[lang], v === null || v === undefined ? t("nodata") : c ? `${c[lang]} (${v})` : fmt(v), "num value");
    }
    if (answer.zone) {
      add(t("zone"), answer.zone.name + (answer.zone.keyMonitoringArea ? " ★" : ""));
      if (answer.zone.summary)
        for (const [k, label] of [["netDeltaTonnesC", "net"], ["highRiskShare", "risk"], ["rankNetDelta", "rankNetDelta"], ["rankHighRisk", "rankHighRisk"]])
          if (k in answer.zone.summary) add(t(label), fmt(answer.zone.summary[k]), "num");
    }
    for (const l of layers) {
      if (l === current) continue;
      const v = answer.layers[l.id];
      if (v === null || v === undefined) continue;
      const c = answer.classes[l.id];
      add(l.title[lang], c ? `${c[lang]} (${v})` : fmt(v), "num");
    }
    const div = document.createElement("div");
    div.className = "popup";
    div.appendChild(table);
    new maplibregl.Popup({ maxWidth: "360px" }).setLngLat(e.lngLat).setDOMContent(div).addTo(map);
  });

  map.on("load", async () => {
    if (catalog.zones) {
      zones = await (await fetch("api/zones")).json();
      map.addSource("zones", { type: "geojson", data: zones! });
      map.addLayer({ id: "zones", type: "line", source: "zones", paint: { "line-color": "#333", "line-width": 1 } });
    }
    if (current) show(current);
    else render();
    document.body.dataset.ready = "true";
  });
}

main().catch((e) => {
  document.body.textContent = `LandCarbon viewer: ${e}`;
});
