/** The segments the tests use: a plain one and one whose id and name try to break out. */
export const SEGMENT = { id: "struggling-buyers", name: "Struggling buyers" };
/** Quotes, a backslash, `</script>`, an HTML comment opener and line terminators. */
export const HOSTILE = {
  id: `x"'\\</script><script>window.__pwned=1</script><!--\u2028\u2029\n"+alert(1)+"`,
  name: `Hostile */ </script><script>window.__pwned=2</script>\n// name`,
};
