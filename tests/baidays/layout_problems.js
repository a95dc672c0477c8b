// The width walk's check of one page (tests/baidays/test_browser_widths.py): sideways scroll,
// boxes out of the viewport that no scrolling box holds, cut button/link text, chart text
// outside its chart (ECharts draws SVG, so its labels are elements). Returns a list of problems.
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > width + 1) problems.push(`页面宽 ${doc.scrollWidth}px`);
  const scrollsItself = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const visible = el => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    // a chart's table (.chart-fallback) is clipped away like .visually-hidden until printed
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.visually-hidden, .chart-fallback, [hidden], .collapse:not(.show), .dropdown-menu:not(.show), .modal:not(.show)');
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if ((r.right > width + 1 || r.left < -1) && !scrollsItself(el)) {
      problems.push(`${el.tagName.toLowerCase()}.${el.className} 伸出视口（${Math.round(r.left)}–${Math.round(r.right)}px）：${(el.innerText || '').trim().slice(0, 20)}`);
      break;
    }
  }
  for (const el of document.body.querySelectorAll('.btn, .nav-link, .navbar-brand, button')) {
    if (!visible(el) || getComputedStyle(el).textOverflow === 'ellipsis') continue;
    if (el.scrollWidth > el.clientWidth + 1) problems.push(`按钮文字被截断：${el.innerText.trim().slice(0, 20)}`);
  }
  for (const box of document.querySelectorAll('[_echarts_instance_]')) {
    const frame = box.getBoundingClientRect();
    for (const text of box.querySelectorAll('svg text')) {
      const r = text.getBoundingClientRect();
      if (r.width === 0 || !(text.textContent || '').trim()) continue;
      if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1) {
        problems.push(`图表 ${box.id} 的标签“${text.textContent}”超出图表`);
        break;
      }
    }
  }
  return problems;
}
