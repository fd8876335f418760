// Renders body images: as a <picture> of the processed files when env.pictures has the image, else the
// default <img>; inside a figure (an image alone in its paragraph, found by the parser in
// src/content/markdown/figures.ts) with its Markdown title as <figcaption>.
import type { MarkdownIt, RendererRule as RenderRule, Token } from 'markdown-it';
import type { FigureEnv } from '../../content/markdown/figures.ts';
import { escapeAttribute, pictureHtml } from '../../images/markup.ts';

export type { FigureEnv };

export const figure = (md: MarkdownIt): void => {
  const image: RenderRule = md.renderer.rules.image ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index] as Token;
    const picture = (env as FigureEnv).pictures?.get(String(token.attrGet('src') ?? ''));
    const inFigure = (token.meta as { figure?: boolean } | null)?.figure === true;
    const caption = String(token.attrGet('title') ?? '').trim();
    if (inFigure) token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'title');
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const html = picture ? pictureHtml(picture, { alt }) : image(tokens, index, options, env, self);
    return inFigure && caption ? `${html}\n<figcaption class="figure__caption">${escapeAttribute(caption)}</figcaption>\n` : inFigure ? `${html}\n` : html;
  };
};
