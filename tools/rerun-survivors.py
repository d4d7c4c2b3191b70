"""Re-runs every survivor of the full mutation run's finished shards on the
current tree (MUTANTS.md, "The full run").

Usage, inside a clone of main: python3 tools/rerun-survivors.py FULL OUTDIR [--list]
FULL is the run's folder of shards (outK/mutants.out/{missed,timeout}.txt and
K.done per finished shard). Each survivor's name, without its line numbers,
becomes a --re pattern (with its path when the name names no function), so
code that moved since the run is still found."""
import re,sys,glob,subprocess,os
FULL=sys.argv[1]
surv=[]
for f in sorted(glob.glob(FULL+'/*.done')):
    k=int(os.path.basename(f).split('.')[0])
    for kind in ('missed','timeout'):
        for l in open(f'{FULL}/out{k}/mutants.out/{kind}.txt'):
            l=l.strip()
            if l: surv.append((k,kind,l))
def pat(l):
    path,desc=re.match(r'^(\S+):\d+:\d+: (.*)$',l).groups()
    if ' in ' in desc: return ': '+re.escape(desc)+'$'
    return '^'+re.escape(path)+r':\d+:\d+: '+re.escape(desc)+'$'
descs=sorted({pat(l) for _,_,l in surv})
print(len(surv),'survivors,',len(descs),'distinct descriptions',file=sys.stderr)
args=[]
for d in descs: args+=['--re',d]
if '--list' in sys.argv:
    subprocess.run(['cargo','mutants','--list']+args)
else:
    env=dict(os.environ,PROPTEST_CASES='64')
    subprocess.run(['cargo','mutants','--profile','mutants','--in-place','-o',sys.argv[2]]+args,env=env)
