// The drop-in bundles replace Lit's `property` decorator module with this one. The elements are
// compiled with TypeScript's experimentalDecorators, so only Lit's legacy decorator path ever
// runs; Lit's module also carries the standard (TC39) decorator path, unused in the bundles
// (about 0.2 KB gzipped in every bundle). Same behaviour for legacy decorators (Lit 3.3's own
// code for them); a standard decorator call fails loudly instead of being mishandled.
export function property(options) {
  return (proto, name) => {
    // A standard decorator's context object instead of a name: not built with experimentalDecorators.
    if (typeof name === 'object') throw new Error('legacy decorators only');
    const existing = proto.hasOwnProperty(name);
    proto.constructor.createProperty(name, options);
    // A property defined on the prototype by a getter and setter keeps its own accessors.
    return existing ? Object.getOwnPropertyDescriptor(proto, name) : undefined;
  };
}
