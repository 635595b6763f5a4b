package org.spikemesh.cli.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML player of a chip run: the mesh of tiles with their routers and cores, and for each step of a
 * window the cores that fired (compute phase), one packet per route from each firing core to each destination core
 * along its XY path (route phase), then the barrier. Play, pause, step, speed, a step slider and a panel with that
 * step's counts from time_per_step.csv and energy_per_step.csv.
 */
public final class Animation {
    private Animation() {
    }

    /**
     * @param run the run's outputs (a chip run)
     * @param from first step of the window
     * @param window steps in the window
     * @return the HTML page
     */
    public static String render(RunData run, int from, int window) {
        if (!run.onChip()) {
            throw new IllegalArgumentException(run.dir + ": not a chip run (no chip section in summary.json); run with"
                    + " --backend chip to animate the mesh");
        }
        int gx = Math.max(1, run.summary.path("chip").path("mesh_tiles").path(0).asInt(1));
        int gy = Math.max(1, run.summary.path("chip").path("mesh_tiles").path(1).asInt(1));
        int last = Math.min(run.steps, from + window - 1);
        StringBuilder data = new StringBuilder();
        data.append("{\"gx\":").append(gx).append(",\"gy\":").append(gy).append(",\"from\":").append(from)
                .append(",\"to\":").append(last).append(",\"cores\":[");
        appendCores(data, run);
        data.append("],\"routes\":[");
        appendRoutes(data, run);
        data.append("],\"spikes\":{");
        appendSpikes(data, run, from, last);
        data.append("},\"panel\":{");
        appendPanel(data, run, from, last);
        data.append("}}");
        return page(run, data, gx, gy, from, last);
    }

    /** Appends the cores: index, tile x and y, population, first neuron, neurons. */
    private static void appendCores(StringBuilder data, RunData run) {
        List<String[]> cores = run.cores;
        for (int i = 0; i < cores.size(); i++) {
            String[] c = cores.get(i);
            data.append(i == 0 ? "" : ",").append("[").append(c[0]).append(',').append(c.length > 13 ? c[12] : "0")
                    .append(',').append(c.length > 13 ? c[13] : "0").append(",\"").append(Svg.esc(c[1])).append("\",")
                    .append(c[2]).append(',').append(c[3]).append(']');
        }
    }

    /** Appends the routes: source core, destination core. */
    private static void appendRoutes(StringBuilder data, RunData run) {
        for (int i = 0; i < run.routes.size(); i++) {
            String[] r = run.routes.get(i);
            data.append(i == 0 ? "" : ",").append('[').append(r[0]).append(',').append(r[1]).append(']');
        }
    }

    /** Appends, per step of the window with spikes, each firing core and its spikes in that step, cores in order. */
    private static void appendSpikes(StringBuilder data, RunData run, int from, int last) {
        Map<Integer, java.util.TreeMap<Integer, Integer>> byStep = new java.util.TreeMap<>();
        for (Map.Entry<String, int[][]> e : run.spikes.entrySet()) {
            int[][] sn = e.getValue();
            for (int k = 0; k < sn[0].length; k++) {
                if (sn[0][k] >= from && sn[0][k] <= last) {
                    int core = coreOf(run.cores, e.getKey(), sn[1][k]);
                    if (core >= 0) {
                        byStep.computeIfAbsent(sn[0][k], t -> new java.util.TreeMap<>()).merge(core, 1, Integer::sum);
                    }
                }
            }
        }
        boolean firstStep = true;
        for (Map.Entry<Integer, java.util.TreeMap<Integer, Integer>> e : byStep.entrySet()) {
            data.append(firstStep ? "" : ",").append('"').append(e.getKey()).append("\":[");
            boolean first = true;
            for (Map.Entry<Integer, Integer> c : e.getValue().entrySet()) {
                data.append(first ? "" : ",").append('[').append(c.getKey()).append(',').append(c.getValue()).append(']');
                first = false;
            }
            data.append(']');
            firstStep = false;
        }
    }

    /** Appends, per step of the window, its row of time_per_step.csv (five columns) and its energy. */
    private static void appendPanel(StringBuilder data, RunData run, int from, int last) {
        boolean first = true;
        for (int r = 0; r < run.timePerStep.size(); r++) {
            String[] t = run.timePerStep.get(r);
            int step = Integer.parseInt(t[0]);
            if (step < from || step > last) {
                continue;
            }
            String energy = r < run.energyPerStep.size() ? run.energyPerStep.get(r)[1] : "0";
            data.append(first ? "" : ",").append('"').append(step).append("\":[").append(t[1]).append(',').append(t[2])
                    .append(',').append(t[3]).append(',').append(t[4]).append(',').append(t[5]).append(',').append(energy)
                    .append(']');
            first = false;
        }
    }

    /** @return the page: title, controls, the mesh's SVG, the panel, and the player's script with the data */
    private static String page(RunData run, StringBuilder data, int gx, int gy, int from, int last) {
        int cell = Math.max(30, Math.min(110, 760 / Math.max(gx, gy)));
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>spikemesh animation: ")
                .append(Svg.esc(run.summary.path("network").asText())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:16px}#panel{display:inline-block;vertical-align:top;margin-left:16px;")
                .append("font-size:13px;min-width:240px}button{margin-right:4px}.tile{fill:#f4f4f4;stroke:#bbb}")
                .append(".core{fill:#cfd8e3}.router{fill:#888}.pkt{fill:#d62728}</style></head><body>")
                .append("<h1 style=\"font-size:18px\">").append(Svg.esc(run.summary.path("network").asText()))
                .append(" on ").append(Svg.esc(run.summary.path("chip").path("chip").asText()))
                .append(String.format(Locale.ROOT, ", steps %d to %d</h1>", from, last))
                .append("<div><button id=\"play\">play</button><button id=\"pause\">pause</button>")
                .append("<button id=\"step\">step</button> speed <select id=\"speed\"><option value=\"0.25\">0.25x</option>")
                .append("<option value=\"1\" selected>1x</option><option value=\"4\">4x</option><option value=\"16\">16x</option>")
                .append("</select> step <input id=\"slider\" type=\"range\" min=\"").append(from).append("\" max=\"")
                .append(last).append("\" value=\"").append(from).append("\" style=\"width:400px\"> <span id=\"label\"></span>")
                .append(" <i id=\"phase\">compute</i></div>")
                .append("<svg id=\"mesh\" width=\"").append(gx * cell + 10).append("\" height=\"").append(gy * cell + 10)
                .append("\" viewBox=\"0 0 ").append(gx * cell + 10).append(' ').append(gy * cell + 10).append("\"></svg>")
                .append("<div id=\"panel\"></div>")
                .append("<script>const D=").append(data).append(";const CELL=").append(cell).append(";\n")
                .append(SCRIPT).append("</script></body></html>\n");
        return h.toString();
    }

    private static int coreOf(List<String[]> cores, String population, int neuron) {
        for (int i = 0; i < cores.size(); i++) {
            String[] c = cores.get(i);
            int lo = Integer.parseInt(c[2]);
            if (c[1].equals(population) && neuron >= lo && neuron < lo + Integer.parseInt(c[3])) {
                return Integer.parseInt(c[0]);
            }
        }
        return -1;
    }

    private static final String SCRIPT = String.join("\n",
            "const NS='http://www.w3.org/2000/svg';const svg=document.getElementById('mesh');",
            "function el(n,a,p){const e=document.createElementNS(NS,n);for(const k in a)e.setAttribute(k,a[k]);(p||svg).appendChild(e);return e;}",
            "function cx(t){return 5+t*CELL+CELL/2;}function cy(t){return 5+(D.gy-1-t)*CELL+CELL/2;}",
            "const coreAt={};const perTile={};",
            "for(let x=0;x<D.gx;x++)for(let y=0;y<D.gy;y++){el('rect',{x:5+x*CELL+2,y:5+(D.gy-1-y)*CELL+2,width:CELL-4,height:CELL-4,'class':'tile'});",
            " el('circle',{cx:cx(x),cy:cy(y),r:3,'class':'router'});}",
            "for(const c of D.cores){const k=c[1]+','+c[2];const i=perTile[k]=(perTile[k]||0)+1;const s=Math.max(6,CELL/5);",
            " const r=el('rect',{x:5+c[1]*CELL+4+((i-1)%3)*(s+2),y:5+(D.gy-1-c[2])*CELL+4+Math.floor((i-1)/3)*(s+2),width:s,height:s,'class':'core'});",
            " const t=el('title',{},r);t.textContent='core '+c[0]+': '+c[3]+' '+c[4]+'..'+(c[4]+c[5]-1);coreAt[c[0]]={x:c[1],y:c[2],r:r};}",
            "const dests={};for(const r of D.routes){(dests[r[0]]=dests[r[0]]||[]).push(r[1]);}",
            "let step=D.from,playing=false,speed=1,phase=0,timer=null;const slider=document.getElementById('slider');",
            "const panel=document.getElementById('panel');const label=document.getElementById('label');",
            "function path(a,b){return [[a.x,a.y],[b.x,a.y],[b.x,b.y]];}",
            "function fmt(x){return Number.isInteger(x)?String(x):String(Number(x.toPrecision(6)));}",
            "function show(s){step=s;slider.value=s;label.textContent='step '+s;",
            " for(const k in coreAt)coreAt[k].r.setAttribute('style','');",
            " svg.querySelectorAll('.pkt').forEach(p=>p.remove());",
            " const fired=D.spikes[s]||[];let total=0;",
            " for(const f of fired){total+=f[1];const c=coreAt[f[0]];if(c)c.r.setAttribute('style','fill:#ff7f0e');",
            "  for(const d of (dests[f[0]]||[])){const b=coreAt[d];if(!b)continue;const p=path(c,b);",
            "   const dot=el('circle',{cx:cx(p[0][0]),cy:cy(p[0][1]),r:4,'class':'pkt'});dot.dataset.path=JSON.stringify(p);}}",
            " const q=D.panel[s];panel.innerHTML='<b>step '+s+'</b><br>spikes: '+total+(q?'<br>synaptic ops: '+q[3]+",
            "  '<br>simulated time: '+fmt(q[0])+' ns<br>critical core: '+q[1]+'<br>busiest link: '+q[4]+' messages<br>energy: '+fmt(q[5])+' pJ':'')",
            "  +'<br>packets shown: '+svg.querySelectorAll('.pkt').length;phase=0;}",
            "function move(f){svg.querySelectorAll('.pkt').forEach(d=>{const p=JSON.parse(d.dataset.path);",
            " const seg=f<0.5?0:1;const g=f<0.5?f*2:(f-0.5)*2;const a=p[seg],b=p[seg+1];",
            " d.setAttribute('cx',cx(a[0]+(b[0]-a[0])*g));d.setAttribute('cy',cy(a[1]+(b[1]-a[1])*g));});}",
            "const phaseLabel=document.getElementById('phase');",
            "function tick(){phase+=0.05*speed;if(phase<0.2){phaseLabel.textContent='compute';}",
            " else if(phase<1){phaseLabel.textContent='route';move((phase-0.2)/0.8);}",
            " else if(phase<1.2){phaseLabel.textContent='barrier';svg.querySelectorAll('.pkt').forEach(p=>p.remove());}",
            " else{const n=step+1>D.to?D.from:step+1;show(n);}}",
            "document.getElementById('play').onclick=()=>{if(!timer){playing=true;timer=setInterval(tick,40);}};",
            "document.getElementById('pause').onclick=()=>{playing=false;clearInterval(timer);timer=null;};",
            "document.getElementById('step').onclick=()=>{show(step+1>D.to?D.from:step+1);};",
            "document.getElementById('speed').onchange=e=>{speed=parseFloat(e.target.value);};",
            "slider.oninput=e=>show(parseInt(e.target.value));show(D.from);",
            "const h=location.hash;if(h.startsWith('#step=')){const n=parseInt(h.slice(6));",
            " if(n>=D.from&&n<=D.to){slider.value=n;slider.dispatchEvent(new Event('input'));}}",
            "if(h==='#play'){speed=16;document.getElementById('play').click();}");
}
