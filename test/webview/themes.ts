/** The CSS variables VS Code sets for its default Light+ and Dark+ themes (the ones the views read). */
const shared = {
  '--vscode-font-family': 'system-ui, "Segoe UI", Ubuntu, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': 'monospace',
  '--vscode-panel-border': 'rgba(128, 128, 128, 0.35)',
  '--vscode-charts-orange': '#d18616',
};

export const themes = {
  light: {
    bodyClass: 'vscode-light',
    variables: {
      ...shared,
      '--vscode-foreground': '#616161',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editor-foreground': '#000000',
      '--vscode-sideBar-background': '#f3f3f3',
      '--vscode-descriptionForeground': '#717171',
      '--vscode-button-background': '#007acc',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0062a3',
      '--vscode-button-secondaryBackground': '#5f6a79',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-charts-foreground': '#616161',
      '--vscode-charts-lines': 'rgba(97, 97, 97, 0.5)',
      '--vscode-charts-red': '#e51400',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-green': '#388a34',
      '--vscode-charts-purple': '#652d90',
      '--vscode-textLink-foreground': '#006ab1',
      '--vscode-focusBorder': '#0090f1',
      '--vscode-textCodeBlock-background': 'rgba(220, 220, 220, 0.4)',
      '--vscode-textPreformat-foreground': '#a31515',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      ...shared,
      '--vscode-foreground': '#cccccc',
      '--vscode-editor-background': '#1e1e1e',
      '--vscode-editor-foreground': '#d4d4d4',
      '--vscode-sideBar-background': '#252526',
      '--vscode-descriptionForeground': 'rgba(204, 204, 204, 0.7)',
      '--vscode-button-background': '#0e639c',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#1177bb',
      '--vscode-button-secondaryBackground': '#3a3d41',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-charts-foreground': '#cccccc',
      '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-textLink-foreground': '#3794ff',
      '--vscode-focusBorder': '#007fd4',
      '--vscode-textCodeBlock-background': 'rgba(10, 10, 10, 0.4)',
      '--vscode-textPreformat-foreground': '#d7ba7d',
    },
  },
  highContrast: {
    bodyClass: 'vscode-high-contrast',
    variables: {
      ...shared,
      '--vscode-foreground': '#ffffff',
      '--vscode-editor-background': '#000000',
      '--vscode-editor-foreground': '#ffffff',
      '--vscode-sideBar-background': '#000000',
      '--vscode-descriptionForeground': 'rgba(255, 255, 255, 0.7)',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-button-background': '#000000',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#6fc3df',
      '--vscode-button-secondaryBackground': '#000000',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-charts-foreground': '#ffffff',
      '--vscode-charts-lines': 'rgba(255, 255, 255, 0.5)',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-focusBorder': '#f38518',
      '--vscode-textPreformat-foreground': '#d7ba7d',
    },
  },
} as const;

export type ThemeName = keyof typeof themes;

/** A stylesheet (served from the webview's own origin, as the CSP requires) that sets the theme's variables. */
export function themeCss(name: ThemeName): string {
  const lines = Object.entries(themes[name].variables).map(([key, value]) => `  ${key}: ${value};`);
  return `:root {\n${lines.join('\n')}\n}\n`;
}
