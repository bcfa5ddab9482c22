// Where the reader is: Home › Guide › topic, as plain links.
export function Breadcrumb({
  label,
  trail,
  current,
}: {
  label: string;
  trail: { href: string; text: string }[];
  current: string;
}) {
  return (
    <nav aria-label={label} className="breadcrumb">
      <ol>
        {trail.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{item.text}</a>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
