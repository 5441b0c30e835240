/** Saves a blob under a name, through a temporary link. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves a value as a JSON file (a scenario, a trace), one number a line where it nests. */
export function download(name: string, data: unknown): void {
  downloadBlob(name, new Blob([JSON.stringify(data, null, 1) + '\n'], { type: 'application/json' }));
}

/** A name part for files: letters, digits, - and _, at most 40 characters. */
export function slug(s: string): string {
  return s.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'scenario';
}
