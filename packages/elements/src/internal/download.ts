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
