import { DEFAULT_THEME, mergeMantineTheme, type MantineTheme } from '@mantine/core';
import { describe, expect, test } from 'vitest';
import { cssVariablesResolver, theme } from '../../app/src/theme';

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/** A colour Mantine writes as a theme variable, #rgb, #rrggbb or rgb()/rgba(), as #rrggbb. */
function hex(color: string, merged: MantineTheme): string {
  // Mantine's own variables: with primary shade 9, "-filled" is shade 9 and "-filled-hover" shade 8.
  const variable = /^var\(--mantine-color-(\w+)(-filled)?(-hover)?\)$/.exec(color);
  if (variable) {
    const name = variable[1] as string;
    const shade = variable[3] ? 8 : 9;
    return name === 'white'
      ? '#ffffff'
      : name === 'black'
        ? '#000000'
        : hex(merged.colors[name]?.[shade] ?? '', merged);
  }
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (rgb) {
    return `#${rgb
      .slice(1, 4)
      .map((n) => Number(n).toString(16).padStart(2, '0'))
      .join('')}`;
  }
  return color.length === 4 ? `#${[...color.slice(1)].map((c) => c + c).join('')}` : color;
}

describe('theme', () => {
  const merged = mergeMantineTheme(DEFAULT_THEME, theme);
  const resolve = merged.variantColorResolver;
  test.each(['teal', 'red', 'orange', 'blue', 'gray', 'yellow', 'green'])(
    'a filled %s button keeps 4.5:1 between its text and its background, hovered or not',
    (color) => {
      const colors = resolve({ color, theme: merged, variant: 'filled', autoContrast: true });
      const text = hex(colors.color, merged);
      expect(contrast(text, hex(colors.background, merged))).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, hex(colors.hover, merged))).toBeGreaterThanOrEqual(4.5);
    }
  );

  test('a filled button without a color hovers in the primary colour at 4.5:1 or more (Mantine CSS variables)', () => {
    const hover = cssVariablesResolver(merged).light['--mantine-primary-color-filled-hover'] as string;
    expect(contrast('#ffffff', hex(hover, merged))).toBeGreaterThanOrEqual(4.5);
  });
});
