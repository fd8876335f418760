// Wide tables scroll inside their own labelled, keyboard-reachable box, so a phone never scrolls sideways.
import type { MarkdownIt } from 'markdown-it';
import type { RendererRule as RenderRule } from 'markdown-it';
import { strings } from '../strings.ts';

export const scrollTables = (md: MarkdownIt): void => {
  const open: RenderRule = md.renderer.rules.table_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  const close: RenderRule = md.renderer.rules.table_close ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.table_open = (tokens, index, options, env, self) =>
    `<section class="article__table" aria-label="${strings.tableLabel}" tabindex="0">\n${open(tokens, index, options, env, self)}`;
  md.renderer.rules.table_close = (tokens, index, options, env, self) => `${close(tokens, index, options, env, self)}</section>\n`;
};
