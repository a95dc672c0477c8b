// Usable on a phone, not only "no overflow" (tests/baidays/phone.py): every visible form control
// and button lies inside the viewport (a box that scrolls sideways does not excuse it) and is at
// least 44 px in its smaller side (a checkbox or radio counts with its label), and no visible
// table cell is narrower than four Chinese characters at its own font size (a table that
// cannot fit becomes cards). Returns a list of problems.
() => {
  const width = document.documentElement.clientWidth;
  const MIN_TARGET = 44;
  const problems = [];
  const hidden = el => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width <= 1 || r.height <= 1 || s.visibility === 'hidden' || s.display === 'none' ||
      el.closest('.visually-hidden, .chart-fallback, [hidden], .collapse:not(.show), .dropdown-menu:not(.show), .modal:not(.show), noscript');
  };
  const describe = el => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.getAttribute('placeholder') || el.name || '').trim();
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}“${text.slice(0, 16)}”`;
  };
  // a checkbox or radio is tapped through its label
  const targetOf = el => {
    if (el.type !== 'checkbox' && el.type !== 'radio') return el;
    return (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label, .form-check') || el;
  };
  const controls = document.body.querySelectorAll('input:not([type=hidden]), select, textarea, button, .btn');
  const seen = new Set();
  for (const el of controls) {
    const target = targetOf(el);
    if (seen.has(target) || hidden(target)) continue;
    seen.add(target);
    const r = target.getBoundingClientRect();
    if (r.left < -1 || r.right > width + 1) {
      problems.push(`${describe(el)} 不在屏幕内（${Math.round(r.left)}–${Math.round(r.right)}px，屏宽 ${width}px）`);
    }
    if (Math.min(r.width, r.height) < MIN_TARGET - 0.5) {
      problems.push(`${describe(el)} 太小（${Math.round(r.width)}×${Math.round(r.height)}px，至少 ${MIN_TARGET}px）`);
    }
  }
  for (const cell of document.body.querySelectorAll('td, th')) {
    if (hidden(cell) || !(cell.innerText || '').trim()) continue;
    const s = getComputedStyle(cell);
    const inner = cell.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    const fourChars = 4 * parseFloat(s.fontSize);
    if (inner < fourChars - 1) {
      problems.push(`表格单元格太窄（${Math.round(inner)}px，不足四个汉字 ${Math.round(fourChars)}px）：${cell.innerText.trim().slice(0, 12)}`);
    }
  }
  return problems;
}
