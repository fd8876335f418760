// The page's headline is the only <h1>: a "# heading" in an article body becomes <h2>; headings of
// level two and below keep their level (the body's outline starts under the headline either way).
import type { MarkdownIt } from 'markdown-it';

export const demoteHeadings = (md: MarkdownIt): void => {
  md.core.ruler.push('demote_headings', (state) => {
    for (const token of state.tokens) {
      if ((token.type === 'heading_open' || token.type === 'heading_close') && token.tag === 'h1') token.tag = 'h2';
    }
  });
};
