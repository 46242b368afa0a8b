/**
 * The part of jsdom the Mermaid parse test uses. jsdom ships no types, and @types/jsdom needs the
 * DOM lib, which this project (Node only) does not load.
 */
declare module 'jsdom' {
  interface TextAreaElement {
    innerHTML: string;
    value: string;
  }
  export class JSDOM {
    constructor(html?: string);
    window: { document: { createElement(tag: 'textarea'): TextAreaElement } };
  }
}
