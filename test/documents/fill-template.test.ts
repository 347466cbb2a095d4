import { compileTemplate } from '../../core/documents/fill-template';

describe('the templates\' language', () => {
  test('every value is HTML-escaped', () => {
    const fill = compileTemplate('<td title="{{name}}">{{name}}</td>');
    expect(fill({ name: `<script>alert('x')</script> & "co"` })).toBe(
      '<td title="&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; &#34;co&#34;">&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; &#34;co&#34;</td>',
    );
  });

  test('loops repeat for each item, look names up on the item then outwards, and nest', () => {
    const fill = compileTemplate('{{#each rows}}[{{label}}/{{currency}}{{#each parts}}<{{p}}>{{/each}}]{{/each}}');
    expect(fill({ currency: 'USD', rows: [{ label: 'a', parts: [{ p: '1' }, { p: '2' }] }, { label: 'b', parts: [] }] })).toBe('[a/USD<1><2>][b/USD]');
  });

  test('an optional part is a list of zero or one', () => {
    const fill = compileTemplate('x{{#each note}}<p>{{text}}</p>{{/each}}y');
    expect(fill({ note: [] })).toBe('xy');
    expect(fill({ note: [{ text: 'hi' }] })).toBe('x<p>hi</p>y');
  });

  test('partials are our own files, included as they are', () => {
    const fill = compileTemplate('<style>{{> styles}}</style>{{v}}', { styles: 'a > b { content: "{{v}}" }' });
    expect(fill({ v: '1' })).toBe('<style>a > b { content: "1" }</style>1');
  });

  test('a mistake in a template or a view is an error, not a blank on a customer\'s document', () => {
    expect(() => compileTemplate('{{#each rows}}')).toThrow('open');
    expect(() => compileTemplate('{{/each}}')).toThrow('without');
    expect(() => compileTemplate('{{> nope}}')).toThrow('missing');
    expect(() => compileTemplate('{{total}}')({})).toThrow('"total" is missing');
    expect(() => compileTemplate('{{rows}}')({ rows: [] })).toThrow('is a list');
  });
});
