package dev.imagedrift.report;

/** The HTML report's style sheet, inlined so the file stands alone. */
final class HtmlStyle {
    private HtmlStyle() {}

    static final String CSS = """
            :root { --ref: #3566b0; --cur: #e07b29; --ink: #1f2430; --muted: #5f6673; --line: #e3e5e8; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f4f5f7; color: var(--ink);
                   font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 24px 24px 40px; }
            header h1 { margin: 0 0 4px; font-size: 26px; }
            .sub { margin: 0 0 18px; color: var(--muted); }
            code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eceef1;
                   padding: 1px 5px; border-radius: 4px; word-break: break-all; }
            h2 { margin: 0 0 8px; font-size: 18px; }
            h3 { margin: 18px 0 8px; font-size: 15px; }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 18px 20px;
                    margin: 0 0 16px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
            .note { color: var(--muted); font-size: 13px; margin: 4px 0 10px; }
            .verdict { display: flex; gap: 22px; align-items: center; border-left: 10px solid; }
            .verdict.drift { border-left-color: #b3261e; background: #fdf3f2; }
            .verdict.ok { border-left-color: #1e7d45; background: #f1f9f4; }
            .verdict.insufficient { border-left-color: #8a6a00; background: #fdf9ec; }
            .badge { font-size: 40px; font-weight: 800; letter-spacing: .02em; white-space: nowrap; }
            .drift .badge { color: #b3261e; } .ok .badge { color: #1e7d45; } .insufficient .badge { color: #8a6a00; }
            .verdict-text p { margin: 2px 0; }
            .condition { font-size: 18px; }
            .reason { font-size: 15px; }
            .rule { color: var(--muted); font-size: 13px; }
            svg text { font-family: inherit; fill: var(--ink); }
            svg .tick { font-size: 12px; fill: var(--muted); }
            svg .axis-title { font-size: 11px; fill: var(--muted); }
            .scorebar { width: 100%; height: auto; display: block; }
            .scorebar .score-label { font-size: 15px; font-weight: 700; }
            .scorebar .threshold-label { font-size: 13px; font-weight: 600; }
            .tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin: 0 0 16px; }
            .tile { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px; }
            .tile-label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
            .tile-value { font-size: 26px; font-weight: 700; font-variant-numeric: tabular-nums; }
            .tile-note { color: var(--muted); font-size: 12px; }
            .bars { display: grid; grid-template-columns: max-content 1fr 70px; gap: 6px 12px; align-items: center;
                    max-width: 860px; }
            .bar-track { background: #eef0f3; border-radius: 4px; height: 14px; }
            .bar-fill { background: #5b6fa8; border-radius: 4px; height: 14px; min-width: 1px; }
            .bar-value { font-variant-numeric: tabular-nums; text-align: right; }
            .legend { margin: 0 0 6px; color: var(--muted); font-size: 13px; }
            .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px;
                      vertical-align: -1px; }
            .swatch.ref { background: var(--ref); } .swatch.cur { background: var(--cur); }
            .plots { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; }
            .plots figure { margin: 0; }
            .plots figcaption { font-size: 14px; margin-bottom: 2px; }
            .plots figcaption .stat { display: block; }
            .dist { width: 100%; height: auto; display: block; }
            .stat { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
            table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
            th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); }
            thead th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
            .num { text-align: right; }
            .ks-bar { display: inline-block; width: 90px; height: 9px; background: #eef0f3; border-radius: 3px;
                      vertical-align: 0; margin-right: 6px; }
            .ks-bar span { display: block; height: 9px; background: #5b6fa8; border-radius: 3px; }
            .two { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
            .thumbs { display: flex; flex-wrap: wrap; gap: 10px; }
            .thumb { margin: 0; width: 168px; border: 1px solid var(--line); border-radius: 8px; padding: 4px;
                     background: #fafbfc; }
            .thumb img { display: block; max-width: 160px; max-height: 160px; margin: 0 auto; border-radius: 4px; }
            .no-image { height: 110px; display: flex; align-items: center; justify-content: center; text-align: center;
                        color: var(--muted); font-size: 12px; background: repeating-linear-gradient(45deg, #f1f2f4,
                        #f1f2f4 8px, #e9ebee 8px, #e9ebee 16px); border-radius: 4px; }
            .thumb figcaption { font-size: 12px; padding: 4px 2px 0; display: flex; flex-direction: column; }
            .thumb .id { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
            .kv { margin-bottom: 12px; }
            .kv th { width: 44%; color: var(--muted); font-weight: 500; }
            .kv .kv-title { color: var(--ink); font-weight: 700; }
            footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 10px; }
            @media (max-width: 900px) { .tiles { grid-template-columns: repeat(2, 1fr); }
              .plots, .two { grid-template-columns: 1fr; } .verdict { flex-direction: column; align-items: flex-start; } }
            """;
}
