"""The page's CSS and the two small scripts, carried by gr.HTML components.

They ride on ``gr.HTML(head=..., js_on_load=...)`` rather than ``launch(css=, js=)``
so that any launch of ``build_app`` (the server, the tests) gets them. gr.HTML does
not sanitise its value, which is why ui/render.py escapes everything itself; the
chatbot does sanitise and keeps only ``class``/``href`` on links, hence the
``href="#card-KEY"`` convention.
"""

from __future__ import annotations

CSS = """
.cite-chip, .message-content a.cite-chip {
  display: inline-block; padding: 0 .45em; margin: 0 .1em; border-radius: .8em;
  font-size: .85em; line-height: 1.5; white-space: nowrap; text-decoration: none !important;
  background: var(--color-accent-soft, #e0e7ff); color: var(--color-accent, #4338ca) !important;
  border: 1px solid var(--color-accent, #6366f1); cursor: pointer;
}
.cite-chip:hover { filter: brightness(.92); }
.cite-chip.unsupported, .message-content a.cite-chip.unsupported {
  background: #fef2f2; color: #b91c1c !important; border-color: #dc2626;
}
.cite-chip.pending { opacity: .6; cursor: default; }
.answer .refusal { font-weight: 600; }
.answer .hedge { font-weight: 600; color: #b45309; border-left: 3px solid #f59e0b;
  padding-left: .5em; }
.answer .correction { font-weight: 600; color: #1d4ed8; border-left: 3px solid #3b82f6;
  padding-left: .5em; }
.answer .taken-as { font-size: .85em; margin: 0 0 .3em; color: #1d4ed8; }
.answer .taken-symbol { color: #6b7280; }
.answer .partial { margin: .3em 0; }
.mt-mark { font-size: .65em; opacity: .7; margin-left: .15em; }
.card .mt { border-left: 3px solid #6366f1; padding-left: .5em; margin: .3em 0; }
.card .mt-label, .reader .mt-label { font-size: .78em; opacity: .75; display: block; }
.card .mt.withheld { border-left-color: #f59e0b; font-size: .85em; }
.card .ev-original { font-size: .78em; opacity: .7; margin-top: .4em; }
.reader .pair { display: grid; grid-template-columns: 1fr 1fr; gap: .8em; }
.reader .untranslated { opacity: .6; }
.answer .notice, .answer .unsupported-note { font-size: .85em; margin: .3em 0; color: #b45309; }
.answer .closest ul { margin: .2em 0 0 1.2em; }
.answer .closest-head { font-size: .9em; opacity: .8; }
.answer .error { color: #b91c1c; }
.answer .cursor { animation: unqa-blink 1s steps(1) infinite; }
.answer .translating-state { font-size: .85em; margin: .3em 0; color: #4338ca; }
.answer .translating-state .dot { animation: unqa-blink 1s steps(1) infinite; }
.answer .waiting .original-label { font-size: .75em; opacity: .7; margin-right: .3em; }
.answer .facts { display: flex; flex-wrap: wrap; gap: .3em; margin: .25em 0 .5em;
  font-size: .8em; }
.answer .facts .facts-head { opacity: .7; width: 100%; }
.answer .fact { border: 1px solid #c7d2fe; border-radius: 4px; padding: 0 .35em;
  background: #eef2ff; color: #1e1b4b; }
.answer .fact .gloss { opacity: .75; margin-left: .3em; }
.answer .gist { border-left: 3px solid #f59e0b; padding-left: .5em; margin: .3em 0; }
.answer .gist .mt-head { font-size: .75em; font-weight: 600; color: #92400e;
  background: #fef3c7; border-radius: 4px; padding: 0 .35em; margin-right: .3em; }
.answer .original-beside { font-size: .85em; opacity: .85; margin-top: .2em; }
.answer .original-beside .original-label { font-size: .85em; opacity: .8; margin-right: .3em; }
@keyframes unqa-blink { 50% { opacity: 0; } }
#evidence-panel { max-height: 80vh; overflow-y: auto !important; }  /* gradio inlines overflow */
.evidence .ev-title { font-weight: 700; font-size: 1.1em; margin-bottom: .3em; }
.ev-head { font-weight: 600; margin: .8em 0 .3em; opacity: .85; }
.ev-empty, .reader-count, .reader-msg { opacity: .75; font-size: .9em; }
.card { border: 1px solid var(--border-color-primary, #ddd); border-radius: 8px;
  margin: .4em 0; padding: .3em .6em; background: var(--background-fill-primary, #fff); }
.card.unsupported { border: 2px solid #dc2626; }
.card.retrieved { opacity: .92; }
.card > summary { cursor: pointer; line-height: 1.6; }
.card .pn, .para .pn { font-weight: 700; }
.card .doc { font-size: .8em; opacity: .6; }
.card .sec, .para .sec { font-size: .9em; opacity: .85; }
.card .score { font-size: .8em; opacity: .7; margin-left: .3em; white-space: nowrap; }
.badge { font-size: .78em; padding: 0 .4em; border-radius: .6em; margin-left: .3em; }
.badge.ok { background: #dcfce7; color: #166534; }
.badge.bad { background: #dc2626; color: #fff; font-weight: 700; }
.section-full { font-size: .85em; opacity: .75; margin: .3em 0; }
.para-text { line-height: 1.75; margin: .3em 0; }
.para-text mark, .reader mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.claim { font-size: .85em; border-left: 3px solid #f59e0b; padding-left: .5em; }
.footnotes { font-size: .82em; opacity: .85; }
.counterpart { font-size: .9em; margin-top: .3em; }
.counterpart > summary { cursor: pointer; opacity: .8; }
.footnotes ul { margin: .2em 0 0 1em; padding: 0; list-style: none; }
.footnotes .fn-n { font-weight: 600; margin-right: .3em; }
.flash { animation: unqa-flash 1.6s ease-out; }
@keyframes unqa-flash { 0% { box-shadow: 0 0 0 4px #f59e0b; } 100% { box-shadow: none; } }
#reader-panel { max-height: 75vh; overflow-y: auto !important; }
#toc-panel { max-height: 75vh; overflow-y: auto !important; font-size: .9em; }
.toc ul { margin: 0 0 0 1em; padding: 0; list-style: none; }
.toc > ul { margin-left: 0; }
.toc .range { font-size: .8em; opacity: .6; }
.reader .para { padding: .4em .6em; border-radius: 6px; margin: .2em 0; }
.reader .para.target { background: var(--color-accent-soft, #eef2ff); }
.reader .reader-sec { margin: 1em 0 .2em; font-size: .95em; }
.reader .page { font-size: .75em; opacity: .55; }
.answer .understood { font-size: .85em; opacity: .85; margin-bottom: .3em; }
.answer .understood .label { font-weight: 600; margin-right: .3em; }
.export { font-size: .8em; margin-top: .4em; opacity: .85; }
.export a.copy-src { text-decoration: none; cursor: pointer; }
.export .copied { margin-left: .5em; color: #166534; }
.export pre.export-text, .export pre.export-md, .export .copied[hidden] {
  display: none !important; }  /* the chat's own pre style would show them */
a.deep-link { font-size: .8em; text-decoration: none; margin-left: .4em; opacity: .8; }
.card-body > a.deep-link { display: inline-block; margin: 0 0 .3em 0; }
.ingest table { border-collapse: collapse; margin-top: .5em; }
.ingest td, .ingest th { border: 1px solid var(--border-color-primary, #ddd); padding: .2em .6em; }
.ingest .failed { color: #b91c1c; font-weight: 600; }
"""

HEAD = f"<style>{CSS}</style>"

# Shared by both scripts: scroll an element into view inside its own scroll box (the
# evidence panel or the reader), moving the page only as far as the box needs.
_COMMON_JS = """
const S = (window.__unqa = window.__unqa || {});
S.flash = (el) => {
  el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
};
S.reveal = (el, always) => {
  const box = el.closest('#reader-panel, #evidence-panel');
  if (!box) { el.scrollIntoView({ block: 'nearest' }); return; }
  box.scrollIntoView({ block: 'nearest' });
  const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
  if (always || r.top < b.top || r.bottom > b.bottom) {
    const delta = r.top - b.top - 6;  // long jumps are instant: smooth ones take seconds
    const behavior = Math.abs(delta) > 1500 ? 'auto' : 'smooth';
    box.scrollTo({ top: box.scrollTop + delta, behavior });
  }
};
"""

# Runs once per evidence panel mount. One capture-phase listener serves every chip on
# the page (chat chips, closest-passage chips, table-of-contents links). A chip of an
# older answer whose card is not on the panel asks the server to re-render that turn.
EVIDENCE_JS = _COMMON_JS + """
S.evidence = { element, trigger };
S.openCard = (key, ask) => {
  const el = document.getElementById('card-' + key);
  if (el) { el.open = true; S.reveal(el, false); S.flash(el); return true; }
  if (ask && S.evidence) { S.pending = key; S.evidence.trigger('click', { card: key }); }
  return false;
};
S.jump = (id) => {
  const el = document.getElementById(id);
  if (el) { S.reveal(el, true); S.flash(el); }
};
watch('value', () => {
  if (S.pending) { const k = S.pending; S.pending = null; S.openCard(k, false); }
});
// "Copy with sources": the export rides hidden in the answer (ui/render.py export_html)
S.copy = async (a) => {
  const box = a.closest('.export');
  const pre = box && box.querySelector(a.getAttribute('href').startsWith('#copy-md-')
    ? 'pre.export-md' : 'pre.export-text');
  if (!pre) return;
  const text = pre.textContent;
  try { await navigator.clipboard.writeText(text); } catch (err) {
    const ta = document.createElement('textarea');  // no clipboard API (plain http): fall back
    ta.value = text; ta.style.position = 'fixed'; ta.style.opacity = '0';
    document.body.appendChild(ta); ta.select(); document.execCommand('copy'); ta.remove();
  }
  const done = box.querySelector('.copied');
  if (done) { done.hidden = false; setTimeout(() => { done.hidden = true; }, 2500); }
};
if (!S.installed) {
  S.installed = true;
  document.addEventListener('click', (e) => {
    const a = e.target.closest
      ? e.target.closest('a[href^="#card-"], a[href^="#para-"], a[href^="#copy-"]') : null;
    if (!a) return;
    e.preventDefault();
    e.stopPropagation();
    const href = a.getAttribute('href');
    if (href.startsWith('#card-')) S.openCard(href.slice(6), true);
    else if (href.startsWith('#copy-')) S.copy(a);
    else S.jump(href.slice(1));
  }, true);
}
"""

# After the reader re-renders for "jump to ¶N" or a deep link, bring the target paragraph
# into view; a deep link renders it while its tab is still being shown, so wait for that.
READER_JS = _COMMON_JS + """
const revealTarget = (tries) => {
  const el = element.querySelector('.para.target');
  if (!el) return;
  if (!el.offsetParent && tries > 0) { setTimeout(() => revealTarget(tries - 1), 100); return; }
  S.reveal(el, true); S.flash(el);
};
watch('value', () => revealTarget(50));
revealTarget(50);
"""
