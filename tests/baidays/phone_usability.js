// Usable on a phone (tests/baidays/phone_usability.py): every visible form control and button
// lies inside the viewport and is at least 44 px in its smaller side (a checkbox or radio is
// tapped through its label, so its label is measured), and no table cell is narrower than
// four Chinese characters of its own font. Returns a list of problems.
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const hidden = el => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return r.width <= 1 || r.height <= 1 || s.visibility === 'hidden' || s.display === 'none' ||
      el.closest('.visually-hidden, .chart-fallback, [hidden], .collapse:not(.show), .dropdown-menu:not(.show), .modal:not(.show), noscript');
  };
  const name = el => `${el.tagName.toLowerCase()}${el.name ? '[name=' + el.name + ']' : ''}「${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 16)}」`;
  const targetOf = el => {
    if (el.matches('input[type=checkbox], input[type=radio]')) {
      return (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label') || el;
    }
    return el;
  };
  const controls = document.body.querySelectorAll('input:not([type=hidden]), select, textarea, button, .btn');
  const seen = new Set();
  for (const control of controls) {
    const el = targetOf(control);
    if (seen.has(el) || hidden(el)) continue;
    seen.add(el);
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > width + 1) problems.push(`${name(el)} 不在视口内（${Math.round(r.left)}–${Math.round(r.right)}px，视口 ${width}px）`);
    const side = Math.min(r.width, r.height);
    if (side < 44 - 0.5) problems.push(`${name(el)} 只有 ${Math.round(r.width)}×${Math.round(r.height)}px，小于 44px`);
  }
  for (const cell of document.body.querySelectorAll('td, th')) {
    if (hidden(cell) || !(cell.innerText || '').trim()) continue;
    const fontSize = parseFloat(getComputedStyle(cell).fontSize);
    const r = cell.getBoundingClientRect();
    if (r.width < 4 * fontSize) problems.push(`表格单元格「${cell.innerText.trim().slice(0, 12)}」宽 ${Math.round(r.width)}px，不足四个汉字（${Math.round(4 * fontSize)}px）`);
  }
  return problems;
}
