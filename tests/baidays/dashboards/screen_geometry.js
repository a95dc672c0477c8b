// The big screen's geometry (tests/baidays/dashboards/test_browser_screen.py): no page scroll;
// every visible element of a panel inside its panel; no text cut (scrollWidth ≤ clientWidth,
// no "…" ellipsis); chart labels and axis names inside their chart and not under the legend.
() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1 || doc.scrollHeight > doc.clientHeight + 1) {
    problems.push(`页面需要滚动（${doc.scrollWidth}×${doc.scrollHeight}）`);
  }
  const shown = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.chart-fallback, .visually-hidden');
  };
  const inside = (r, frame) => r.left >= frame.left - 1 && r.right <= frame.right + 1 && r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1;
  const name = el => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}“${(el.textContent || '').trim().slice(0, 16)}”`;
  for (const panel of document.querySelectorAll('.panel')) {
    const frame = panel.getBoundingClientRect();
    const title = (panel.querySelector('h2') || {}).textContent || '';
    if (frame.bottom > window.innerHeight + 1 || frame.right > window.innerWidth + 1) problems.push(`“${title}”面板超出屏幕（下沿 ${Math.round(frame.bottom)}px）`);
    if (frame.height < 60) problems.push(`“${title}”面板被挤扁（高 ${Math.round(frame.height)}px）`);
    for (const el of panel.querySelectorAll('*')) {
      if (!shown(el) || el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      if (!inside(el.getBoundingClientRect(), frame)) { problems.push(`“${title}”中 ${name(el)} 超出面板`); break; }
    }
    for (const el of panel.querySelectorAll('td, th, h2, .label, .value, .goal-line, .gauge-cap, .bar-line, a, span, div')) {
      if (!shown(el) || el.closest('svg') || el.children.length && el.tagName.toLowerCase() === 'div' && !el.matches('.label, .value, .gauge-cap, .bar-line, .goal-line')) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') { problems.push(`“${title}”中 ${name(el)} 文字被截断`); }
      if (getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) { problems.push(`“${title}”中 ${name(el)} 以省略号截断`); }
    }
  }
  for (const box of document.querySelectorAll('[_echarts_instance_]')) {
    const frame = box.getBoundingClientRect();
    const texts = [...box.querySelectorAll('svg text')].filter(t => (t.textContent || '').trim() && t.getBoundingClientRect().width > 0);
    for (const text of texts) {
      const r = text.getBoundingClientRect();
      if (!inside(r, frame)) problems.push(`图表 ${box.id} 的“${text.textContent}”超出图表`);
      if (/…|\.\.\.$/.test(text.textContent)) problems.push(`图表 ${box.id} 的“${text.textContent}”被截断`);
    }
    // an axis name (万元, 份) must not lie under a legend item
    const axisNames = texts.filter(t => ['万元', '份'].includes(t.textContent.trim()));
    const legendTexts = texts.filter(t => ['计划', '完成', '完成投资', '收到周报'].includes(t.textContent.trim()));
    for (const axis of axisNames) {
      const a = axis.getBoundingClientRect();
      for (const legend of legendTexts) {
        const l = legend.getBoundingClientRect();
        const apart = a.right < l.left - 2 || l.right < a.left - 2 || a.bottom < l.top - 2 || l.bottom < a.top - 2;
        if (!apart) problems.push(`图表 ${box.id} 的图例“${legend.textContent}”盖住了“${axis.textContent}”`);
      }
    }
  }
  return problems;
}
