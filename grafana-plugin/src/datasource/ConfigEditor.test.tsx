import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { DataSourceSettings } from '@grafana/data';

import { ConfigEditor } from './ConfigEditor';
import type { AnalyzerDataSourceOptions, AnalyzerSecureOptions } from './types';

const options = (over: Partial<DataSourceSettings<AnalyzerDataSourceOptions, AnalyzerSecureOptions>> = {}) =>
  ({ jsonData: {}, secureJsonFields: {}, ...over }) as DataSourceSettings<
    AnalyzerDataSourceOptions,
    AnalyzerSecureOptions
  >;

describe('ConfigEditor', () => {
  it('stores the URL in jsonData and the token in secureJsonData', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={options()} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByPlaceholderText('http://rpa-analyzer:4319'), { target: { value: ' http://a:4319 ' } });
    expect(onOptionsChange.mock.calls[0][0].jsonData).toEqual({ analyzerUrl: 'http://a:4319' });
    fireEvent.change(screen.getByPlaceholderText('viewer token'), { target: { value: 'v1' } });
    expect(onOptionsChange.mock.calls[1][0].secureJsonData).toEqual({ analyzerToken: 'v1' });
  });

  it('shows a configured token without revealing it and can reset it', () => {
    const onOptionsChange = jest.fn();
    render(
      <ConfigEditor
        options={options({ secureJsonFields: { analyzerToken: true } })}
        onOptionsChange={onOptionsChange}
      />
    );
    fireEvent.click(screen.getByRole('button', { name: /reset/i }));
    expect(onOptionsChange.mock.calls[0][0].secureJsonFields).toEqual({ analyzerToken: false });
  });
});
