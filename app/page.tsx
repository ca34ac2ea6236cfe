export default function HomePage() {
  return (
    <main>
      <h1>Nocturne</h1>
      <p>Launch Nocturne from your EHR or from the local SMART sandbox launcher.</p>
    </main>
  );
}
