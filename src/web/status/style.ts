/**
 * The page's one stylesheet, inline (no request, nothing from a CDN), readable on a phone, and its
 * hash for the Content-Security-Policy (only this style may apply; no script at all).
 */
import { createHash } from 'node:crypto';

export const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#f6f8fa}
.wrap{max-width:52rem;margin:0 auto;padding:1.25rem 1rem 2rem}
header.top{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem 1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0}
h2{font-size:1.15rem;margin:2rem 0 .75rem}
h3{font-size:1rem;margin:0}
.desc{margin:.25rem 0 0;color:#424a53;flex-basis:100%}
nav ul{list-style:none;display:flex;gap:.75rem;margin:0;padding:0}
nav [aria-current]{font-weight:600}
a{color:#0550ae}
a:focus-visible{outline:3px solid #0550ae;outline-offset:2px}
.banner{margin:1.25rem 0 0;padding:.9rem 1rem;border-radius:.5rem;color:#fff;font-weight:600;font-size:1.05rem}
.banner .icon{display:inline-block;width:1.4rem}
.b-UP{background:#1a7f37}.b-DEGRADED{background:#9a4d00}.b-DOWN{background:#b3261e}.b-UNKNOWN{background:#57606a}
.card{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:0 0 .75rem}
.services{list-style:none;margin:0;padding:0}
.row{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.25rem 1rem}
.state{font-weight:600;white-space:nowrap}
.s-UP{color:#1a7f37}.s-DEGRADED{color:#9a4d00}.s-DOWN{color:#b3261e}.s-UNKNOWN{color:#57606a}
.note{margin:.25rem 0 0;color:#424a53;font-size:.95rem}
svg.bars{display:block;width:100%;height:2.1rem;margin:.6rem 0 .2rem}
.axis{display:flex;justify-content:space-between;gap:.5rem;font-size:.8rem;color:#57606a}
.axis .ratio{color:#1f2328;font-weight:600}
.incident h3{font-size:1.05rem}
.meta{margin:.25rem 0 .5rem;color:#424a53;font-size:.95rem}
.pill{display:inline-block;padding:0 .5rem;border-radius:1rem;border:1px solid currentColor;font-size:.85rem;font-weight:600}
.updates{list-style:none;margin:0;padding:0;border-left:3px solid #d0d7de}
.updates li{margin:0 0 .6rem;padding:0 0 0 .75rem}
.updates p{margin:0}
.updates .when{color:#57606a;font-size:.9rem}
.empty{color:#424a53}
footer{margin-top:2.5rem;padding-top:1rem;border-top:1px solid #d0d7de;color:#424a53;font-size:.9rem}
footer p{margin:.25rem 0}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
@media (max-width:30rem){.wrap{padding:.75rem .75rem 1.5rem}h1{font-size:1.35rem}.card{padding:.75rem}.axis{flex-wrap:wrap}.axis .ratio{order:-1;flex-basis:100%}}
`.trim();

/** `'sha256-…'` for `style-src`. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** What the page may load: its own style, nothing else (no script, no frame, no form). */
export const PAGE_CSP = `default-src 'none'; style-src ${STYLE_HASH}; img-src data:; base-uri 'none'; form-action 'none'`;
