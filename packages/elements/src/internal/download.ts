/** A file made on this device, to save. */
export interface DeviceFile {
  filename: string;
  type: string;
  /** The contents (a string or a byte-order mark followed by text, for spreadsheets). */
  parts: BlobPart[];
}

/**
 * Saves a file made on this device (nothing is sent anywhere): a hidden link inside `root` (a
 * shadow root works), clicked once, and its object URL released after a while.
 */
export function saveFile(root: ParentNode, file: DeviceFile): void {
  const url = URL.createObjectURL(new Blob(file.parts, { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The most of a text a file name looks at (a title is at most 120 characters; more is not read). */
const SLUG_INPUT = 1_000;

/**
 * A text (a workshop's title, say) as the safe first part of a file name: lower case, words joined
 * by hyphens, at most `max` characters, with `fallback` when nothing usable is left. Accents on
 * Latin letters are dropped ("Gweithdy’r ŵyl" → `gweithdyr-wyl`), as file names travel through
 * email, zip files and old systems; letters and digits of other scripts are kept (a title in
 * Arabic keeps its words). Invisible characters (zero-width, bidirectional controls, variation
 * selectors, tag characters: Unicode's default-ignorable code points) are removed. Everything else
 * — spaces, punctuation, emoji, slashes, dots, `<` `>`, control characters — becomes a single
 * hyphen, so the result never holds a path, a hidden-file dot, a reversed extension or a character
 * a file system refuses.
 */
export function fileSlug(text: string, fallback = 'workshop', max = 60): string {
  const words = text
    .slice(0, SLUG_INPUT)
    // Invisible characters go first (the variation selector of "❤️", joiners, soft hyphens, tag
    // characters, bidirectional controls), and enclosing marks (the keycap of "1️⃣"): some are
    // marks, which would otherwise be kept as if they were accents.
    .replace(/[\p{Default_Ignorable_Code_Point}\p{Me}]/gu, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’'‘]/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^[-\p{M}]+|-+$/gu, '');
  const chars = Array.from(words);
  let slug = chars.slice(0, max).join('');
  if (chars.length > max && chars[max] !== '-') {
    // Cut at the last hyphen rather than in the middle of a word, when there is one.
    const cut = slug.lastIndexOf('-');
    if (cut > 0) slug = slug.slice(0, cut);
  }
  return slug.replace(/-+$/, '') || fallback;
}
