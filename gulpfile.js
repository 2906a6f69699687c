/**
 * Static assets that tsc does not emit. `npm run build` runs `tsc` first, then `gulp build:icons`.
 *
 * - Icons: nodes/**\/*.{png,svg} and credentials/**\/*.{png,svg} → dist/, same folders
 *   (credentials point at file:../nodes/Trustoo/trustoo.svg from dist/credentials/).
 * - Codex files: nodes/**\/*.node.json → dist/nodes/, next to each *.node.js. tsc emits them too
 *   (resolveJsonModule + include), but an incremental tsc run skips files it thinks are up to date,
 *   so they are copied here as well; the copy is byte-for-byte.
 */
const { src, dest, parallel } = require('gulp');

// gulp 5 reads files as UTF-8 text by default, which corrupts PNGs: read raw bytes.
const RAW = { base: '.', encoding: false, allowEmpty: true };

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], RAW).pipe(dest('dist'));
}

function copyCodex() {
	return src(['nodes/**/*.node.json'], RAW).pipe(dest('dist'));
}

exports['build:icons'] = parallel(copyIcons, copyCodex);
exports.default = exports['build:icons'];
