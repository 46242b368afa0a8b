/**
 * Taking a view away from the panel: its Mermaid source to the clipboard, the view as a Markdown
 * document, the drawn diagram as SVG or PNG. The webview only prepares the content; the
 * extension copies it or asks where to save it (a webview has no file system).
 */

/** A file name for a view of a cluster: `packet-flow-aks-prod-ingress.md`, from safe characters only. */
export function fileName(title: string, view: string, extension: string): string {
  const name = title.split(' ')[0]?.replace(/^[^.]*\./, '') ?? 'cluster';
  const safe = `${name}-${view}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'cluster';
  return `packet-flow-${safe}.${extension}`;
}

/** A drawn SVG as a standalone file: with the XML namespace and the panel's background behind it. */
export function standaloneSvg(svg: SVGSVGElement, background: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.style.backgroundColor = background;
  return new XMLSerializer().serializeToString(copy);
}

/**
 * An SVG drawn on a canvas at twice its size, as a PNG data URL. The SVG must have no
 * foreignObject (HTML labels taint the canvas): the caller draws it with SVG text labels.
 */
export async function pngOf(svgText: string, width: number, height: number, background: string): Promise<string> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be drawn as an image'));
  });
  // A data: URL, which the CSP allows for images (blob: it does not).
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * 2);
  canvas.height = Math.ceil(height * 2);
  const context = canvas.getContext('2d')!;
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
