/**
 * The workshop's name and description, as a facilitator sets them with `updateWorkshop`, in the
 * exports: the Markdown report's title and opening paragraphs, and the JSON export's `meta`.
 */
import { describe, expect, it } from 'vitest';
import { exportMarkdownReport, exportWorkshop, updateWorkshop } from '@coproduce/core';
import { workshop } from './helpers.js';

describe('workshop details in the exports', () => {
  it('heads the report with the name, and keeps the description’s paragraphs', () => {
    const { doc, fac } = workshop();
    updateWorkshop(fac, {
      title: 'Gweithdy’r Ŵyl: Sŷr a Bws 🚌',
      description: 'What the square could be.\nFrom the people who use it.\n\n  \n\nIdeas, then a vote.\r\n\r\n',
    });
    const lines = exportMarkdownReport(doc, { now: Date.UTC(2026, 2, 12, 14, 5), timeZone: 'UTC' }).split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '# Gweithdy’r Ŵyl: Sŷr a Bws 🚌',
      '',
      'What the square could be. From the people who use it.',
      '',
      'Ideas, then a vote.',
      '',
      'Summary made on 12 March 2026 at 14:05.',
    ]);
    expect(exportWorkshop(doc).workshop.meta).toMatchObject({ title: 'Gweithdy’r Ŵyl: Sŷr a Bws 🚌', description: 'What the square could be.\nFrom the people who use it.\n\n  \n\nIdeas, then a vote.' });
  });

  it('keeps markup in the name and description as text', () => {
    const { doc, fac } = workshop();
    updateWorkshop(fac, { title: '# <script>alert(1)</script> [link](https://example.com)', description: '- not a list\n\n1. not a list either\n\n<img src=x onerror=alert(1)>' });
    const lines = exportMarkdownReport(doc).split('\n');
    expect(lines[0]).toBe('# \\# \\<script\\>alert(1)\\</script\\> \\[link\\](https://example.com)');
    expect(lines.slice(2, 7)).toEqual(['\\- not a list', '', '1\\. not a list either', '', '\\<img src=x onerror=alert(1)\\>']);
  });

  it('has no description paragraph when there is none', () => {
    const { doc } = workshop();
    const lines = exportMarkdownReport(doc, { now: Date.UTC(2026, 2, 12, 14, 5), timeZone: 'UTC' }).split('\n');
    expect(lines.slice(0, 3)).toEqual(['# Town centre', '', 'Summary made on 12 March 2026 at 14:05.']);
  });
});
