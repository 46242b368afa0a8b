/**
 * The part of jsdom the tests use: a textarea for the Mermaid parse test, DOMParser for the XML
 * output tests. jsdom ships no types, and @types/jsdom needs the DOM lib, which this project
 * (Node only) does not load.
 */
declare module 'jsdom' {
  interface TextAreaElement {
    innerHTML: string;
    value: string;
  }
  export interface XmlElement {
    getAttribute(name: string): string | null;
    getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
    textContent: string | null;
  }
  export interface XmlDocument {
    getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
  }
  export class JSDOM {
    constructor(html?: string);
    window: {
      document: { createElement(tag: 'textarea'): TextAreaElement };
      DOMParser: new () => { parseFromString(text: string, type: 'application/xml'): XmlDocument };
    };
  }
}
