/**
 * Saves a file the user asked for (an export, a calendar, a program): a Blob behind a hidden
 * download link inside `root` (the element's shadow root, so no page markup is touched).
 * `file` is `{filename, mimeType, content}`; returns the Blob's size in bytes.
 */
export function saveFile(root, { filename, mimeType, content }) {
  const blob = new Blob([content], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob.size;
}
