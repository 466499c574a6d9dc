import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { IdeaBoard, Workshop } from './coproduce.js';
import './app.css';

const params = new URLSearchParams(location.search);
const room = params.get('room') ?? 'residents-panel';
const token = params.get('token');

function App() {
  const [status, setStatus] = useState('connecting');
  const [mine, setMine] = useState<string[]>([]);
  return (
    <>
      <header className="top">
        <p className="brand">Anytown Residents' Panel</p>
      </header>
      <main className="layout">
        <div>
          <h1>What would make the library better?</h1>
          <p className="lead">This page is a React app. The board below is a Coproduce element.</p>
          <Workshop
            room={room}
            token={token}
            userRole={token ? null : 'facilitator'}
            onStatusChange={(e) => setStatus(e.detail.status)}
          >
            <IdeaBoard
              board="library"
              boardTitle="Ideas for the library"
              onIdeaAdd={(e) => setMine((list) => [...list, e.detail.ideaId])}
              onIdeaDelete={(e) => setMine((list) => list.filter((id) => id !== e.detail.ideaId))}
            />
          </Workshop>
        </div>
        <aside className="side" aria-labelledby="side-title">
          <h2 id="side-title">From React</h2>
          <p>
            Connection: <strong data-testid="status">{status}</strong>
          </p>
          <p data-testid="mine">
            You have added {mine.length} {mine.length === 1 ? 'idea' : 'ideas'} in this visit.
          </p>
        </aside>
      </main>
    </>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
