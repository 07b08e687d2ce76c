/**
 * The app's Mantine theme, tuned for WCAG 2.1 AA contrast: filled colours use shade 9 with automatic black or white
 * text (the threshold keeps either at 4.5:1 or more) and a darker shade on hover, light and subtle variants use a dark text shade, and "dimmed"
 * text is gray 7 (8:1 on white) instead of gray 6 (3.3:1).
 */
import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineTheme,
  type VariantColorsResolver,
} from '@mantine/core';

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (
    parsed.isThemeColor &&
    (input.variant ?? 'filled') === 'filled' &&
    colors.color === 'var(--mantine-color-white)'
  ) {
    // Mantine hovers shade 9 with the lighter shade 8 (white on teal 8 is 3.9:1): white text hovers darker instead.
    return { ...colors, hover: darken(input.theme.colors[parsed.color]?.[9] ?? parsed.value, 0.15) };
  }
  if (!parsed.isThemeColor || !['light', 'subtle', 'outline', 'transparent'].includes(input.variant ?? '')) {
    return colors;
  }
  const text = darken(input.theme.colors[parsed.color]?.[9] ?? parsed.value, 0.35);
  return {
    ...colors,
    color: text,
    hoverColor: text,
    ...(input.variant === 'outline' ? { border: `1px solid ${text}` } : {}),
  };
};

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  autoContrast: true,
  luminanceThreshold: 0.18,
  focusRing: 'always',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
  variantColorResolver,
  components: {
    // Every notification's close button has a name (axe: button-name), and its description is dark enough for
    // 4.5:1 on white (Mantine's dimmed grey is 3.3:1).
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification', title: 'Dismiss' } },
      styles: { description: { color: 'var(--mantine-color-gray-8)' } },
    },
    // Every drawer's and alert's close button has a name (axe: button-name).
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Alert: { defaultProps: { closeButtonLabel: 'Dismiss' } },
    Badge: {
      // Badges are never cut short ("ACTI…"): they keep their full width and natural case.
      styles: {
        root: { flexShrink: 0, overflow: 'visible', maxWidth: 'none' },
        label: { overflow: 'visible', textTransform: 'none' },
      },
    },
  },
});

/**
 * The hover colours of filled buttons with white text, as the variant resolver makes them (darker, not lighter), for
 * the buttons that take Mantine's CSS variables instead of the resolver's (a Button without a color or variant).
 */
function filledHovers(t: MantineTheme): Record<string, string> {
  const hovers: Record<string, string> = {};
  for (const name of Object.keys(t.colors)) {
    const { hover } = variantColorResolver({ color: name, theme: t, variant: 'filled', autoContrast: true });
    if (!hover.startsWith('var(')) {
      hovers[`--mantine-color-${name}-filled-hover`] = hover;
      if (name === t.primaryColor) {
        hovers['--mantine-primary-color-filled-hover'] = hover;
      }
    }
  }
  return hovers;
}

/**
 * CSS variables on top of Mantine's: readable "dimmed" text and placeholders, filled buttons' hovers, and each colour's "light" text (active
 * navigation links, light badges and buttons) dark enough for 4.5:1 on its tinted background.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    ...Object.fromEntries(
      Object.entries(t.colors).map(([name, shades]) => [`--mantine-color-${name}-light-color`, darken(shades[9], 0.35)])
    ),
    ...filledHovers(t),
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': 'var(--mantine-color-teal-9)',
  },
  dark: {},
});
