# A Richards-style operating-system simulation: tasks (idle, worker, handler, device) as
# objects of a small class hierarchy, packets passed between queues, and a scheduler
# dispatching through overridden methods. Object allocation, attribute access, method calls.

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1


class Packet:
    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.count = 0
        self.data = [0, 0, 0, 0]

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task:
    def __init__(self, system, ident, priority, queue):
        self.system = system
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.waiting_for_packet = queue is not None
        self.held = False
        self.suspended = queue is None
        self.next = system.tasks
        system.tasks = self
        system.table[ident] = self

    def runnable(self):
        if self.held:
            return False
        return not self.suspended or (self.waiting_for_packet and self.queue is not None)

    def take_packet(self):
        packet = self.queue
        self.queue = packet.link
        self.waiting_for_packet = False
        self.suspended = False
        return packet

    def wait(self):
        self.waiting_for_packet = True
        self.suspended = True
        return self

    def release(self, ident):
        task = self.system.table[ident]
        task.held = False
        if task.priority > self.priority:
            return task
        return self

    def hold_self(self):
        self.system.hold_count += 1
        self.held = True
        return self.next

    def send(self, packet):
        target = self.system.table[packet.owner]
        self.system.queue_count += 1
        packet.link = None
        packet.owner = self.ident
        if target.queue is None:
            target.queue = packet
            target.waiting_for_packet = False
            target.suspended = False
            if target.priority > self.priority:
                return target
        else:
            target.queue = packet.append_to(target.queue)
        return self

    def step(self, packet):
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, system, ident, priority, queue, count):
        super().__init__(system, ident, priority, queue)
        self.control = 1
        self.count = count
        self.suspended = False

    def step(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.hold_self()
        if self.control & 1 == 0:
            self.control >>= 1
            return self.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return self.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, system, ident, priority, queue):
        super().__init__(system, ident, priority, queue)
        self.destination = HANDLER_A
        self.letter = 0

    def step(self, packet):
        if packet is None:
            return self.wait()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.owner = self.destination
        packet.count = 0
        for i in range(4):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            packet.data[i] = self.letter
        return self.send(packet)


class HandlerTask(Task):
    def __init__(self, system, ident, priority, queue):
        super().__init__(system, ident, priority, queue)
        self.work_in = None
        self.device_in = None

    def step(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work_in = packet.append_to(self.work_in)
            else:
                self.device_in = packet.append_to(self.device_in)
        work = self.work_in
        if work is not None:
            if work.count < 4:
                device = self.device_in
                if device is not None:
                    self.device_in = device.link
                    device.count = work.data[work.count]
                    work.count += 1
                    return self.send(device)
            else:
                self.work_in = work.link
                return self.send(work)
        return self.wait()


class DeviceTask(Task):
    def __init__(self, system, ident, priority, queue):
        super().__init__(system, ident, priority, queue)
        self.pending = None

    def step(self, packet):
        if packet is None:
            pending = self.pending
            if pending is None:
                return self.wait()
            self.pending = None
            return self.send(pending)
        self.pending = packet
        return self.hold_self()


class System:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 6
        self.hold_count = 0
        self.queue_count = 0

    def schedule(self):
        task = self.tasks
        while task is not None:
            if task.runnable():
                packet = None
                if task.waiting_for_packet and task.queue is not None:
                    packet = task.take_packet()
                task = task.step(packet)
            else:
                task = task.next


def run_once(count):
    system = System()
    IdleTask(system, IDLE, 1, None, count)
    work = Packet(None, WORKER, KIND_WORK)
    work = Packet(work, WORKER, KIND_WORK)
    WorkerTask(system, WORKER, 1000, work)
    queue = Packet(None, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    HandlerTask(system, HANDLER_A, 2000, queue)
    queue = Packet(None, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    HandlerTask(system, HANDLER_B, 3000, queue)
    DeviceTask(system, DEVICE_A, 4000, None)
    DeviceTask(system, DEVICE_B, 5000, None)
    system.schedule()
    return system.queue_count, system.hold_count


def main():
    results = [run_once(10000) for _ in range(13)]
    print("queued, held:", results[0])
    print("all runs agree:", all(r == results[0] for r in results))


main()
