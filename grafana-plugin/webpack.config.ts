import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';

import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';

/** The scaffold's config plus the nested plugins' logos (`<nested>/img/*.svg`). */
const config = async (env: Env): Promise<Configuration> =>
  merge(await grafanaConfig(env), {
    plugins: [new CopyWebpackPlugin({ patterns: [{ from: '*/**/img/*.svg', to: '[path][name][ext]' }] })],
  });

export default config;
