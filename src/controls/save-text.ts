// What the user can do with the setup key and the recovery codes: copy,
// download, print. Plain DOM work, none of it touching the element's state.

/** Copies `text`; resolves to whether the clipboard took it (it may be denied, or missing). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Saves `lines` as a UTF-8 text file through a `blob:` link (no `data:` URL, nothing left behind). */
export function downloadText(fileName: string, lines: readonly string[]): void {
  const url = URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Prints only `lines`, the first as the title: the widget can't hide the host page from the printer,
 * so the codes go into a blank window of their own, built with DOM calls.
 * Where a pop-up blocker refuses the window, the page itself is printed.
 */
export function printText(lines: readonly string[]): void {
  const popup = window.open('', '_blank', 'popup,width=480,height=600');
  if (!popup) return window.print();
  const { document: doc } = popup;
  doc.title = lines[0] ?? '';
  const pre = doc.createElement('pre');
  pre.textContent = lines.join('\n');
  doc.body.append(pre);
  popup.focus();
  popup.print();
  popup.close();
}

/** A file name from free text (the issuer): letters, digits, dots, dashes. */
export function fileNameFrom(text: string, suffix: string): string {
  const stem = text.normalize('NFKC').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '').slice(0, 60);
  return `${stem || 'account'}${suffix}`;
}
