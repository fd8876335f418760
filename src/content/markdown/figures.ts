// Images in article bodies, as the parser finds them. An image alone in its paragraph becomes a
// figure (the renderer writes <figure> with the Markdown title as caption:
// ![市民在站台候车](./metro.jpg "摄影：李晓明")). Every image reference is recorded in env.images with its
// line, so the loader can check the files; src/render/markdown/figure.ts renders them.
import type { MarkdownIt } from 'markdown-it';
import type { Picture } from '../../images/spec.ts';

export interface ImageRef {
  /** The address as markdown-it normalized it (the key of env.pictures). */
  src: string;
  alt: string;
  caption?: string;
  /** 0-based line within the Markdown body. */
  line: number;
}

export interface FigureEnv extends Record<PropertyKey, unknown> {
  images?: ImageRef[];
  /** Filled once the images are checked: the processed picture for each src. */
  pictures?: ReadonlyMap<string, Picture>;
}

export const findFigures = (md: MarkdownIt): void => {
  md.core.ruler.push('figure', (state) => {
    const env = state.env as FigureEnv;
    const refs: ImageRef[] = (env.images ??= []);
    state.tokens.forEach((token, index) => {
      if (token.type !== 'inline' || !token.children) return;
      let line = token.map?.[0] ?? 0;
      for (const child of token.children) {
        if (child.type === 'softbreak' || child.type === 'hardbreak') line += 1;
        if (child.type !== 'image') continue;
        const caption = String(child.attrGet('title') ?? '');
        refs.push({ src: String(child.attrGet('src') ?? ''), alt: child.content, ...(caption.trim() ? { caption: caption.trim() } : {}), line });
      }
      const open = state.tokens[index - 1];
      const close = state.tokens[index + 1];
      if (open?.type !== 'paragraph_open' || close?.type !== 'paragraph_close' || open.hidden) return;
      const visible = token.children.filter((child) => !(child.type === 'text' && !child.content.trim()) && child.type !== 'softbreak');
      const only = visible[0];
      if (visible.length !== 1 || only?.type !== 'image') return;
      open.type = 'figure_open';
      open.tag = 'figure';
      open.attrSet('class', 'figure');
      close.type = 'figure_close';
      close.tag = 'figure';
      token.children = [only];
      only.meta = { ...(only.meta as object | null), figure: true };
    });
  });
};
