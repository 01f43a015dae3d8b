/**
 * Used only by jest (babel-jest). TypeScript is stripped and ES modules become CommonJS, for our code
 * and for the ESM-only packages jest.config.js lets through. Type checking is `tsc --noEmit`.
 */
module.exports = {
  presets: [['@babel/preset-typescript', { onlyRemoveTypeImports: false }]],
  plugins: ['@babel/plugin-transform-modules-commonjs'],
};
