import { startTracing, tracingEndpointOf } from './tracing';

describe(tracingEndpointOf.name, () => {
  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT, or with an empty one', () => {
    expect(tracingEndpointOf({})).toBeUndefined();
    expect(tracingEndpointOf({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBeUndefined();
    expect(startTracing('drafting', {})).toBeUndefined();
  });

  it('takes an http(s) URL', () => {
    expect(tracingEndpointOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' })?.href).toBe('http://otel-collector:4318/');
  });

  it.each([['otel-collector:4318'], ['ftp://collector'], ['not a url']])('refuses %p with a readable message', (value) => {
    expect(() => tracingEndpointOf({ OTEL_EXPORTER_OTLP_ENDPOINT: value })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/);
  });
});
