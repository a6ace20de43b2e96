/** Tiny DOM builders. Text always goes through textContent: host names come from DNS and HAR files. */

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the page`);
  return el as T;
}

/**
 * A host name that may wrap only after its dots ("fonts.⏎googleapis.com"), never letter by letter: a
 * narrow table then scrolls sideways instead of squeezing the host column.
 */
export function hostName(host: string): HTMLSpanElement {
  const parts: Child[] = [];
  host.split('.').forEach((label, i) => {
    if (i > 0) parts.push(h('wbr'));
    parts.push(i > 0 ? `.${label}` : label);
  });
  return h('span', { class: 'deps-host' }, ...parts);
}

/**
 * A table with a caption inside a focusable scroll region (keyboard users can scroll it at 360 px), and a
 * hint that shows when the table is wider than its box (`markScrollables`).
 */
export function table(caption: string, headers: string[], rows: Child[][], label = caption): HTMLElement {
  return h(
    'div',
    { class: 'deps-table' },
    h(
      'p',
      { class: 'deps-scroll-hint', hidden: true },
      'This table is wider than the screen: scroll sideways for more columns →',
    ),
    h(
      'div',
      { class: 'deps-scroll', role: 'region', 'aria-label': label, tabindex: 0 },
      h(
        'table',
        {},
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          {},
          ...rows.map((cells) =>
            h('tr', {}, ...cells.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))),
          ),
        ),
      ),
    ),
  );
}

/** Shows each table's "scroll sideways" hint when, and only when, the table overflows its box. */
export function markScrollables(root: ParentNode): void {
  for (const box of root.querySelectorAll<HTMLElement>('.deps-table')) {
    const scroller = box.querySelector<HTMLElement>('.deps-scroll');
    const hint = box.querySelector<HTMLElement>('.deps-scroll-hint');
    if (scroller && hint) hint.hidden = scroller.scrollWidth <= scroller.clientWidth + 1;
  }
}

export function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
