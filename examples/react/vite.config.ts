import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the build is served from any path. JSX is
  // compiled by Vite's own transform (React 19's automatic runtime).
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
});
