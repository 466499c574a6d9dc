import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CoWorkshop } from '@coproduce/elements';
import { IdeaBoard, Workshop, useBoard, useWorkshop } from './coproduce.js';
import './app.css';

const params = new URLSearchParams(location.search);
const room = params.get('room') ?? 'residents-panel';
const token = params.get('token');

function App() {
  const workshopRef = useRef<CoWorkshop>(null);
  const workshop = useWorkshop(workshopRef);
  const board = useBoard(workshop, 'library');
  // Warn before the page closes while this device has changes the server has not confirmed.
  const unsynced = useRef(false);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (unsynced.current) e.preventDefault();
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, []);
  const [mine, setMine] = useState<string[]>([]);
  const count = board?.ideas.length ?? 0;
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
            ref={workshopRef}
            room={room}
            token={token}
            userRole={token ? null : 'facilitator'}
            // Typed from the element's own declaration: e.detail is StatusChangeDetail.
            onStatusChange={(e) => (unsynced.current = e.detail.hasUnsyncedChanges)}
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
            Connection: <strong data-testid="status">{workshop.status}</strong>
          </p>
          <p data-testid="count">
            The board has {count} {count === 1 ? 'idea' : 'ideas'} from everyone.
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
